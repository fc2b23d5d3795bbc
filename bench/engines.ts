/**
 * The engines the benchmark compares, behind one shape: build an index over a
 * pack, then answer a question with the id of the entry it leads to.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { createAssistant } from '../src/app.js';
import type { Entry, KnowledgeBase } from '../src/knowledge/schema.js';
import { memoryStore } from '../src/state/store.js';

export type EngineName = 'rupn' | 'fuse' | 'minisearch' | 'minisearch-fr';

export const ENGINE_LABELS: Record<EngineName, string> = {
  rupn: 'rupn (tour complet)',
  fuse: 'Fuse.js (défauts)',
  minisearch: 'MiniSearch (défauts)',
  'minisearch-fr': 'MiniSearch (mots vides FR, flou+préfixe)',
};

/** Answers a question with the id of an entry, or null. */
export type Answerer = (text: string, n: number) => Promise<string | null> | string | null;

/** French function words, the usual list of search engines (Snowball's, folded to what people type). */
const FRENCH_STOP_WORDS = new Set(
  (
    'au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me même mes moi mon ne nos notre nous on ou par pas ' +
    'pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l à m n s t y été étée étés étant suis es est ' +
    'sommes êtes sont serai sera serons seront serais serait étais était étions étiez étaient fus fut ai as avons avez ont aurai aura ' +
    'aurons auront aurais aurait avais avait avions aviez avaient eu eus eut ceci cela celà cet cette ici ils les leurs quel quels quelle ' +
    'quelles sans soi comment quoi où est-ce faire fait faut peut'
  ).split(/\s+/),
);

interface Doc {
  id: string;
  title: string;
  questions: string;
  keywords: string;
}
const docs = (kb: KnowledgeBase): Doc[] =>
  kb.entries.map((e: Entry) => ({ id: e.id, title: e.title, questions: e.questions.join('\n'), keywords: e.keywords.join(', ') }));

/** Builds an engine over a loaded pack. */
export function buildEngine(name: EngineName, kb: KnowledgeBase): Answerer {
  if (name === 'rupn') {
    const assistant = createAssistant(memoryStore(), { kb });
    return async (text, n) => (await assistant.handle({ platform: 'bench', workspace: '-', user: `u${n}`, conversation: 'c', text })).topic;
  }
  if (name === 'fuse') {
    const fuse = new Fuse(docs(kb), { keys: ['title', 'questions', 'keywords'] });
    return (text) => fuse.search(text, { limit: 1 })[0]?.item.id ?? null;
  }
  const fields = ['title', 'questions', 'keywords'];
  const mini =
    name === 'minisearch'
      ? new MiniSearch<Doc>({ fields })
      : new MiniSearch<Doc>({
          fields,
          processTerm: (t) => (FRENCH_STOP_WORDS.has(t.toLowerCase()) ? null : t.toLowerCase()),
          searchOptions: { fuzzy: 0.2, prefix: true },
        });
  mini.addAll(docs(kb));
  return (text) => (mini.search(text)[0]?.id as string | undefined) ?? null;
}
