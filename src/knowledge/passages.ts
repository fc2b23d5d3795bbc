import type { Block, OutgoingMessage } from '../shared/types.js';

/**
 * One fact inside a page: « un parent peut siéger à la commission numérique ? »
 * is answered by one sentence of the commission's page. The page is the
 * answer; the sentence that answers goes first, so the person reads it
 * without scanning the whole page.
 */

/** What passage retrieval needs: the terms of a text, how rare a term is in the pack. */
export interface PassageTerms {
  termsOf(text: string): string[];
  weight(term: string): number;
  /** The pack uses the term somewhere (« gmail » it never does: no sentence can answer it). */
  knows(term: string): boolean;
}

/** A passage must cover at least this share of the question's weight, beyond the words of the page's title… */
const MIN_COVER = 0.34;
/** …and this much more than any other passage of the page. */
const MIN_LEAD = 0.08;
/** A sentence already among the first characters of the answer needs no repeating. */
const ALREADY_FIRST = 160;

/**
 * The sentences and list items of an answer's blocks (the heading aside); an
 * item keeps the line that introduces its list (« membres pouvant la
 * composer : … »), so that it reads on its own.
 */
export function passagesOf(blocks: Block[]): string[] {
  const out: string[] = [];
  let intro = '';
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      out.push(...sentences(b.text));
      intro = /:\s*$/.test(b.text) ? (sentences(b.text).pop() ?? '') : '';
    } else if (b.type === 'list') out.push(...b.items.map((item) => (intro ? `${intro} … ${item}` : item)));
  }
  return out.map((p) => p.trim()).filter((p) => p.length >= 20);
}

/** Splits a paragraph after « . », « ! », « ? » followed by a capital, keeping abbreviations and numbers whole. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ«(])/);
}

/**
 * The sentence of the answer that answers the question, when one clearly
 * does and it is not already at the top; undefined otherwise.
 */
export function leadPassage(answer: OutgoingMessage, title: string, question: string[], t: PassageTerms): string | undefined {
  // the title's words say which page; the other words of the question say which sentence
  const titleTerms = new Set(t.termsOf(title));
  const asked = question.filter((q) => !titleTerms.has(q) && t.knows(q));
  const total = asked.reduce((s, q) => s + t.weight(q), 0);
  if (!asked.length || total <= 0) return undefined;
  const passages = passagesOf(answer.blocks.slice(1));
  if (passages.length < 2) return undefined;
  const scored: { text: string; cover: number; at: number }[] = [];
  let at = 0;
  for (const text of passages) {
    const terms = new Set(t.termsOf(text));
    scored.push({ text, at, cover: asked.reduce((s, q) => s + (terms.has(q) ? t.weight(q) : 0), 0) / total });
    at += text.length + 1;
  }
  scored.sort((x, y) => y.cover - x.cover);
  const [best, next] = scored;
  // one sentence clearly answers, and it is not already what the person reads first
  if (best.cover < MIN_COVER || best.cover - (next?.cover ?? 0) < MIN_LEAD || best.at < ALREADY_FIRST) return undefined;
  return best.text;
}
