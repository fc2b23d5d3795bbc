import type { Analyzer } from '../nlu/analyzer.js';

/** Something the search can find: a knowledge entry or a guided flow. */
export interface Searchable {
  id: string;
  /** Example questions, title, keywords: each one a short text matched as a whole. */
  phrases: string[];
  /** Longer text (the answer, the data behind it): it helps, with less weight. */
  body: string;
}

export interface Hit {
  id: string;
  score: number;
}

interface Doc {
  id: string;
  phrases: Set<string>[];
  primary: Set<string>;
  secondary: Set<string>;
  /** Share of the document's phrases that use each term: what the document is about. */
  focus: Map<string, number>;
}

/** Weight of a term found only in the body, against 1 for the phrases. */
const BODY_WEIGHT = 0.5;

/**
 * Ranks searchables against the terms of a message. The score mixes how much
 * of the message a document explains (coverage), how close the message is to
 * its best example phrase (cosine) and how central the terms are to the
 * document (focus: the share of its phrases using them), all weighted by rarity.
 */
export class SearchIndex {
  private readonly docs: Doc[];
  /** term → documents that use it, so a search only scores candidates. */
  private readonly postings = new Map<string, Doc[]>();
  /** term → the phrases (global number) that use it, and every phrase's document and weight. */
  private readonly phrasePostings = new Map<string, number[]>();
  private readonly phraseDoc: Doc[] = [];
  private readonly phraseWeight: number[] = [];
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;

  constructor(items: Searchable[], analyzer: Analyzer) {
    this.docs = items.map((it) => {
      const phrases = it.phrases.map((p) => new Set(analyzer.analyze(p).terms));
      const primary = new Set(phrases.flatMap((p) => [...p]));
      const secondary = new Set(analyzer.analyze(it.body).terms.filter((t) => !primary.has(t)));
      const focus = new Map<string, number>();
      for (const p of phrases) for (const t of p) focus.set(t, (focus.get(t) ?? 0) + 1 / phrases.length);
      return { id: it.id, phrases, primary, secondary, focus };
    });
    const df = new Map<string, number>();
    for (const d of this.docs) {
      for (const t of new Set([...d.primary, ...d.secondary])) {
        df.set(t, (df.get(t) ?? 0) + 1);
        push(this.postings, t, d);
      }
    }
    const n = this.docs.length;
    for (const [t, f] of df) this.idf.set(t, Math.log(1 + n / f));
    this.unknownIdf = Math.log(1 + n);
    for (const d of this.docs) {
      for (const p of d.phrases) {
        const id = this.phraseDoc.length;
        this.phraseDoc.push(d);
        this.phraseWeight.push(sum(p, (t) => this.weight(t)));
        for (const t of p) push(this.phrasePostings, t, id);
      }
    }
  }

  /** Rarity of a term; a term no document has counts as the rarest. */
  weight(term: string): number {
    return this.idf.get(term) ?? this.unknownIdf;
  }

  /** True when at least one document uses the term. */
  knows(term: string): boolean {
    return this.idf.has(term);
  }

  /** Every document with a positive score, best first. */
  search(terms: string[]): Hit[] {
    const q = [...new Set(terms)];
    if (!q.length) return [];
    const qw = q.map((t) => this.weight(t));
    const qWeight = qw.reduce((a, b) => a + b, 0);
    const hits: Hit[] = [];
    const candidates = new Set<Doc>();
    for (const t of q) for (const d of this.postings.get(t) ?? []) candidates.add(d);
    // weight each phrase shares with the message, through the phrase postings (no phrase is scanned)
    const shared = new Map<number, number>();
    for (let i = 0; i < q.length; i++) for (const id of this.phrasePostings.get(q[i]) ?? []) shared.set(id, (shared.get(id) ?? 0) + qw[i]);
    const cosines = new Map<Doc, number>();
    for (const [id, w] of shared) {
      const d = this.phraseDoc[id];
      cosines.set(d, Math.max(cosines.get(d) ?? 0, w / Math.sqrt(qWeight * this.phraseWeight[id])));
    }
    for (const d of candidates) {
      let covered = 0;
      let focus = 0;
      for (let i = 0; i < q.length; i++) {
        const t = q[i];
        focus += qw[i] * (d.focus.get(t) ?? 0);
        if (d.primary.has(t)) covered += qw[i];
        else if (d.secondary.has(t)) covered += BODY_WEIGHT * qw[i];
      }
      if (covered === 0) continue;
      const cosine = cosines.get(d) ?? 0;
      hits.push({ id: d.id, score: 0.5 * (covered / qWeight) + 0.35 * cosine + 0.15 * (focus / qWeight) });
    }
    return hits.sort((a, b) => b.score - a.score);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sum<T>(items: Iterable<T>, f: (x: T) => number): number {
  let s = 0;
  for (const x of items) s += f(x);
  return s;
}
