import { type Flat, flatten, Phrases } from './phrases.js';
import { kthLargest, lowerBound, topK } from './select.js';

export { topK } from './select.js';

/** Something the search can find: a knowledge entry or a guided flow. */
export interface Searchable {
  id: string;
  /** Example questions, title, keywords: each one a short text matched as a whole. */
  phrases: string[];
  /** Longer text (the answer, the data behind it): it helps, with less weight. */
  body: string;
  /** Returned whenever it matches, even beyond a search's limit (guided flows: few, and looked up by kind). */
  always?: boolean;
}

export interface Hit {
  id: string;
  score: number;
}

/** What the index needs of the analyzer: the terms of knowledge text (normalised, expanded, stemmed). */
export interface TermReader {
  indexTerms(text: string): string[];
}

/** Weight of a term found only in the body, against 1 for the phrases. */
const BODY_WEIGHT = 0.5;

/**
 * Ranks searchables against the terms of a message. The score mixes how much
 * of the message a document explains (coverage), how close the message is to
 * its best example phrase (cosine) and how central the terms are to the
 * document (focus: the share of its phrases using them), all weighted by rarity.
 *
 * Postings are flat typed arrays; a search walks the postings of the message's
 * terms once, accumulating each document's score parts, then keeps the best
 * few: its cost follows the postings it touches, not the size of the pack.
 */
export class SearchIndex {
  private readonly ids: string[];
  private readonly always: Uint8Array;
  private readonly termIds = new Map<string, number>();
  private readonly idf: Float64Array;
  private readonly unknownIdf: number;
  /** term → documents using it, in document order, with the term's focus there (0: only in the body). */
  private readonly docs: Flat<Int32Array>;
  private readonly focus: Float64Array;
  /** The documents' example phrases: the cosine's part. */
  private readonly phrases: Phrases;
  private readonly alwaysDocs: number[];
  // scratch space of a search, reset after each one
  private readonly covered: Float64Array;
  private readonly focusSum: Float64Array;
  /** Weight of the message's terms that some phrase of the document has: what bounds its cosine. */
  private readonly phraseCovered: Float64Array;
  private readonly cosine: Float64Array;
  private readonly seen: Uint8Array;
  /** term → 1 + its place in the message being searched, 0 when absent. */
  private readonly inMessage: Int32Array;

  constructor(items: Searchable[], analyzer: TermReader) {
    this.ids = items.map((it) => it.id);
    this.always = Uint8Array.from(items, (it) => (it.always ? 1 : 0));
    const termId = (t: string) => this.termIds.get(t) ?? this.termIds.set(t, this.termIds.size).get(t)!;
    const docLists: number[][] = [];
    const focusLists: number[][] = [];
    const phraseLists: number[][] = [];
    const phraseTerms: number[][] = [];
    const phraseDoc: number[] = [];
    items.forEach((it, d) => {
      const phrases = it.phrases.map((p) => new Set(analyzer.indexTerms(p)));
      const focus = new Map<string, number>();
      for (const p of phrases) for (const t of p) focus.set(t, (focus.get(t) ?? 0) + 1 / phrases.length);
      const body = analyzer.indexTerms(it.body).filter((t) => !focus.has(t));
      for (const t of new Set([...focus.keys(), ...body])) {
        const k = termId(t);
        docLists[k] ??= [];
        docLists[k].push(d);
        focusLists[k] ??= [];
        focusLists[k].push(focus.get(t) ?? 0);
      }
      for (const p of phrases) {
        const id = phraseDoc.push(d) - 1;
        phraseTerms.push([...p].map(termId));
        for (const t of p) {
          const k = termId(t);
          phraseLists[k] ??= [];
          phraseLists[k].push(id);
        }
      }
    });
    const terms = this.termIds.size;
    for (let k = 0; k < terms; k++) {
      docLists[k] ??= [];
      focusLists[k] ??= [];
      phraseLists[k] ??= [];
    }
    const n = items.length;
    this.idf = Float64Array.from(docLists, (l) => Math.log(1 + n / l.length));
    this.unknownIdf = Math.log(1 + n);
    this.docs = flatten(docLists, (m) => new Int32Array(m));
    this.focus = flatten(focusLists, (m) => new Float64Array(m)).items;
    this.phrases = new Phrases(phraseTerms, phraseDoc, phraseLists, n, this.idf);
    this.alwaysDocs = items.flatMap((it, d) => (it.always ? [d] : []));
    this.covered = new Float64Array(n);
    this.focusSum = new Float64Array(n);
    this.phraseCovered = new Float64Array(n);
    this.cosine = new Float64Array(n);
    this.seen = new Uint8Array(n);
    this.inMessage = new Int32Array(terms);
  }

  /** Rarity of a term; a term no document has counts as the rarest. */
  weight(term: string): number {
    const k = this.termIds.get(term);
    return k === undefined ? this.unknownIdf : this.idf[k];
  }

  /** True when at least one document uses the term. */
  knows(term: string): boolean {
    return this.termIds.has(term);
  }

  /**
   * The documents with a positive score, best first: the best `limit` of them
   * (`always` documents aside), and every matching `always` document. Ties keep
   * the order in which the message's terms reach the documents.
   */
  search(terms: string[], limit = Infinity): Hit[] {
    const q = [...new Set(terms)];
    if (!q.length) return [];
    const qw = q.map((t) => this.weight(t));
    const qWeight = qw.reduce((a, b) => a + b, 0);
    const ks = q.map((t) => this.termIds.get(t) ?? -1);
    // with a limit, documents that only share the message's commonest terms are left out when they cannot reach it
    const essential = limit < Infinity ? this.essentialTerms(ks, qw, qWeight, limit) : undefined;
    // the candidates, in document order: every document of an essential term, and the `always` ones
    let candidates = new Int32Array(0);
    if (essential) {
      const marked: number[] = [];
      const mark = (d: number): void => {
        if (this.seen[d]) return;
        this.seen[d] = 1;
        marked.push(d);
      };
      for (let i = 0; i < q.length; i++) if (essential[i]) this.eachDoc(ks[i], mark);
      this.alwaysDocs.forEach(mark);
      candidates = Int32Array.from(marked).sort();
    }
    const touched: number[] = [];
    for (let i = 0; i < q.length; i++) {
      const k = ks[i];
      if (k < 0) continue;
      this.inMessage[k] = i + 1;
      const w = qw[i];
      const open = !essential || essential[i] === 1;
      // a common term adds to the few candidates: looked up in its postings rather than walked through
      if (!open && this.docs.start[k + 1] - this.docs.start[k] > 8 * candidates.length) this.addByLookup(k, w, candidates, touched);
      else this.addByWalk(k, w, open, touched);
    }
    for (const d of candidates) if (this.seen[d] === 1) this.seen[d] = 0;
    const scores = this.score(touched, ks, qw, qWeight, limit);
    this.phrases.clear(this.cosine);
    for (const k of ks) if (k >= 0) this.inMessage[k] = 0;
    for (const d of touched) {
      this.covered[d] = this.focusSum[d] = this.phraseCovered[d] = 0;
      this.seen[d] = 0;
    }
    const kept = topK(scores, limit, (j) => this.always[touched[j]] === 1);
    return kept.map((j) => ({ id: this.ids[touched[j]], score: scores[j] }));
  }

  /**
   * The score of each reached document, or -Infinity for those that cannot be
   * among the best `limit`. Coverage and focus are summed already; the cosine
   * needs each phrase's share of the message, so it is computed only where the
   * bound 0.5·c + 0.35·√p + 0.15·f (c, f: coverage and focus; p: the share of
   * the message the document's phrases hold, which no phrase's cosine can
   * pass) reaches the best scores: first the `limit` best bounds, then any
   * other bound at least as high as the `limit`-th score found.
   */
  private score(touched: number[], ks: number[], qw: number[], qWeight: number, limit: number): Float64Array {
    const n = touched.length;
    const scores = new Float64Array(n);
    let ranked = 0;
    for (const d of touched) if (!this.always[d]) ranked++;
    if (ranked <= limit) {
      let cost = 0;
      for (const d of touched) cost += this.phrases.cost(d);
      const byPhrase = this.phrases.cosines(ks, qw, qWeight, cost, this.cosine);
      for (let j = 0; j < n; j++) scores[j] = this.exact(touched[j], ks, qw, qWeight, byPhrase);
      return scores;
    }
    scores.fill(Number.NEGATIVE_INFINITY);
    // bounds a hair above the exact value, so that rounding never puts a score over its bound
    const bound = new Float64Array(n);
    const bounds = new Float64Array(ranked);
    for (let j = 0, r = 0; j < n; j++) {
      const d = touched[j];
      bound[j] =
        (0.5 * (this.covered[d] / qWeight) + 0.35 * Math.sqrt(this.phraseCovered[d] / qWeight) + 0.15 * (this.focusSum[d] / qWeight)) *
          (1 + 1e-9) +
        1e-12;
      if (!this.always[d]) bounds[r++] = bound[j];
    }
    const first = kthLargest(bounds, limit);
    let cost = 0;
    for (let j = 0; j < n; j++) if (this.always[touched[j]] || bound[j] >= first) cost += this.phrases.cost(touched[j]);
    const byPhrase = this.phrases.cosines(ks, qw, qWeight, cost, this.cosine);
    const found: number[] = [];
    for (let j = 0; j < n; j++) {
      const d = touched[j];
      if (this.always[d] || bound[j] >= first) scores[j] = this.exact(d, ks, qw, qWeight, byPhrase);
      if (!this.always[d] && bound[j] >= first) found.push(scores[j]);
    }
    const floor = kthLargest(Float64Array.from(found), limit);
    for (let j = 0; j < n; j++)
      if (!this.always[touched[j]] && bound[j] < first && bound[j] >= floor) scores[j] = this.exact(touched[j], ks, qw, qWeight, byPhrase);
    return scores;
  }

  /** A document's score; its cosine already in `cosine` when computed `byPhrase`. */
  private exact(d: number, ks: number[], qw: number[], qWeight: number, byPhrase: boolean): number {
    const cosine = byPhrase ? this.cosine[d] : this.phrases.cosineOf(d, ks, qw, qWeight, this.inMessage);
    return 0.5 * (this.covered[d] / qWeight) + 0.35 * cosine + 0.15 * (this.focusSum[d] / qWeight);
  }

  /** Adds term `k` (weight `w`) to every document of its postings (`open`), or to the candidates among them. */
  private addByWalk(k: number, w: number, open: boolean, touched: number[]): void {
    // locals: the hot loop of a search, kept free of property loads
    const { seen, covered, focusSum, phraseCovered, focus } = this;
    const docs = this.docs.items;
    const body = BODY_WEIGHT * w;
    for (let at = this.docs.start[k], end = this.docs.start[k + 1]; at < end; at++) {
      const d = docs[at];
      if (seen[d] !== 2) {
        // 1: a candidate not reached yet; 0: not a candidate, unless the search is open to every document
        if (!seen[d] && !open) continue;
        seen[d] = 2;
        touched.push(d);
      }
      const f = focus[at];
      // a term in a phrase has a positive focus there; focus 0 means the body only
      if (f > 0) {
        covered[d] += w;
        phraseCovered[d] += w;
      } else covered[d] += body;
      focusSum[d] += w * f;
    }
  }

  /** Adds term `k` (weight `w`) to the candidates that use it, found by binary search in its postings. */
  private addByLookup(k: number, w: number, candidates: Int32Array, touched: number[]): void {
    const docs = this.docs.items;
    const end = this.docs.start[k + 1];
    let at = this.docs.start[k];
    for (const d of candidates) {
      at = lowerBound(docs, at, end, d);
      if (at === end) return;
      if (docs[at] !== d) continue;
      if (this.seen[d] !== 2) {
        this.seen[d] = 2;
        touched.push(d);
      }
      const f = this.focus[at];
      if (f > 0) {
        this.covered[d] += w;
        this.phraseCovered[d] += w;
      } else this.covered[d] += BODY_WEIGHT * w;
      this.focusSum[d] += w * f;
    }
  }

  private eachDoc(k: number, f: (d: number) => void): void {
    for (let at = this.docs.start[k], end = this.docs.start[k + 1]; at < end; at++) f(this.docs.items[at]);
  }

  /**
   * Which of the message's terms must open the search to new documents (the
   * others only add to documents already reached), or undefined when all must.
   * A document sharing only terms of weight W with the message scores at most
   * 0.65·r + 0.35·√r (r = W / total: coverage and focus at most r, cosine at
   * most √r); the rarest terms give `limit` documents a score of at least θ by
   * themselves; the commonest terms whose bound stays under θ need not open.
   */
  private essentialTerms(ks: number[], qw: number[], qWeight: number, limit: number): Uint8Array | undefined {
    const df = (i: number) => (ks[i] < 0 ? 0 : this.docs.start[ks[i] + 1] - this.docs.start[ks[i]]);
    const byRarity = ks
      .map((_, i) => i)
      .filter((i) => ks[i] >= 0)
      .sort((a, b) => df(a) - df(b));
    let postings = 0;
    for (const i of byRarity) postings += df(i);
    if (postings < 4 * limit + 256 || byRarity.length < 2) return undefined;
    // lower bounds from the rarest terms alone, until `limit` documents have one
    const reached: number[] = [];
    let used = 0;
    while (used < byRarity.length - 1 && reached.length < limit) {
      const i = byRarity[used++];
      const k = ks[i];
      for (let at = this.docs.start[k], end = this.docs.start[k + 1]; at < end; at++) {
        const d = this.docs.items[at];
        if (this.always[d]) continue;
        if (!this.seen[d]) {
          this.seen[d] = 1;
          reached.push(d);
        }
        const f = this.focus[at];
        this.covered[d] += f > 0 ? qw[i] : BODY_WEIGHT * qw[i];
        this.focusSum[d] += qw[i] * f;
      }
      const { postings, doc, weight } = this.phrases;
      for (let at = postings.start[k], end = postings.start[k + 1]; at < end; at++) {
        const p = postings.items[at];
        this.cosine[doc[p]] = Math.max(this.cosine[doc[p]], qw[i] / Math.sqrt(qWeight * weight[p]));
      }
    }
    const lows = reached.map((d) => 0.5 * (this.covered[d] / qWeight) + 0.35 * this.cosine[d] + 0.15 * (this.focusSum[d] / qWeight));
    for (const d of reached) this.covered[d] = this.focusSum[d] = this.cosine[d] = this.seen[d] = 0;
    for (let i = 0; i < used; i++) {
      this.eachPhraseDoc(ks[byRarity[i]], (d) => {
        this.cosine[d] = 0;
      });
    }
    if (lows.length < limit) return undefined;
    const theta = lows.sort((a, b) => b - a)[limit - 1] * (1 - 1e-9);
    const essential = new Uint8Array(ks.length);
    let weight = 0;
    for (let j = byRarity.length - 1; j >= 0; j--) {
      const i = byRarity[j];
      weight += qw[i];
      const r = weight / qWeight;
      if (0.65 * r + 0.35 * Math.sqrt(r) >= theta) {
        for (let m = 0; m <= j; m++) essential[byRarity[m]] = 1;
        return essential;
      }
    }
    return undefined;
  }

  private eachPhraseDoc(k: number, f: (d: number) => void): void {
    const { postings, doc } = this.phrases;
    for (let at = postings.start[k], end = postings.start[k + 1]; at < end; at++) f(doc[postings.items[at]]);
  }
}
