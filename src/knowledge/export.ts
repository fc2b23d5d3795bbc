import { AnswerBuilder } from './answer.js';
import type { KnowledgeBase } from './schema.js';

/** The `kb:export` document (../shared/CONTRACT.md): every entry with its full text as a user reads it with no profile. */
export function exportKnowledge(kb: KnowledgeBase) {
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
  return { entries };
}
