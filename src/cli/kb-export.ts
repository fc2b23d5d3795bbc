import { AnswerBuilder } from '../knowledge/answer.js';
import { knowledgeDir } from '../knowledge/config.js';
import { loadKnowledge } from '../knowledge/loader.js';

const kb = loadKnowledge(knowledgeDir());
const answers = new AnswerBuilder(kb);
const entries = kb.entries.map((e) => ({
  id: e.id,
  title: e.title,
  questions: e.questions,
  keywords: e.keywords,
  answer: answers.fullText(e),
  audience: e.audience,
  sources: e.sources,
  reviewed: e.reviewed,
  ...(e.notes.length ? { notes: e.notes } : {}),
  ...(e.flow ? { flow: e.flow } : {}),
}));
process.stdout.write(JSON.stringify({ entries }, null, 2) + '\n');
