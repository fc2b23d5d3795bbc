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
 * What adding a message term's weight to a phrase costs (scattered over every
 * phrase of the pack), against reading one term of a document's phrases (the
 * per-document cosine): measured on the shipped pack and a 10,000-entry one.
 */
const PHRASE_POSTING_COST = 2;

/** Postings in one flat layout (CSR): the items of key `k` are `items[start[k]] … items[start[k + 1] - 1]`. */
interface Flat<A extends Int32Array | Float64Array> {
  start: Int32Array;
  items: A;
}

function flatten<A extends Int32Array | Float64Array>(lists: number[][], make: (n: number) => A): Flat<A> {
  const start = new Int32Array(lists.length + 1);
  for (let k = 0; k < lists.length; k++) start[k + 1] = start[k] + lists[k].length;
  const items = make(start[lists.length]);
  for (let k = 0; k < lists.length; k++) items.set(lists[k], start[k]);
  return { start, items };
}

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
  /** term → the phrases (global number) that use it; every phrase's document and weight. */
  private readonly phrases: Flat<Int32Array>;
  private readonly phraseDoc: Int32Array;
  private readonly phraseWeight: Float64Array;
  /** document → its phrases, numbered `docPhrases[d]` to `docPhrases[d + 1] - 1`. */
  private readonly docPhrases: Int32Array;
  /** phrase → its terms (each once). */
  private readonly phraseTerms: Flat<Int32Array>;
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
  /** phrase → the weight of the message's terms it has; the phrases reached, `reachedPhrases` of them (see `cosinesByPhrase`). */
  private readonly shared: Float64Array;
  private readonly reached: Int32Array;
  private reachedPhrases = 0;

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
    this.phrases = flatten(phraseLists, (m) => new Int32Array(m));
    this.phraseDoc = Int32Array.from(phraseDoc);
    this.docPhrases = new Int32Array(n + 1);
    for (const d of phraseDoc) this.docPhrases[d + 1]++;
    for (let d = 0; d < n; d++) this.docPhrases[d + 1] += this.docPhrases[d];
    this.alwaysDocs = items.flatMap((it, d) => (it.always ? [d] : []));
    this.phraseWeight = Float64Array.from(phraseTerms, (ts) => ts.reduce((s, k) => s + this.idf[k], 0));
    this.phraseTerms = flatten(phraseTerms, (m) => new Int32Array(m));
    this.covered = new Float64Array(n);
    this.focusSum = new Float64Array(n);
    this.phraseCovered = new Float64Array(n);
    this.cosine = new Float64Array(n);
    this.seen = new Uint8Array(n);
    this.inMessage = new Int32Array(terms);
    this.shared = new Float64Array(phraseDoc.length);
    this.reached = new Int32Array(phraseDoc.length);
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
    for (let i = 0; i < this.reachedPhrases; i++) this.cosine[this.phraseDoc[this.reached[i]]] = 0;
    this.reachedPhrases = 0;
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
      for (const d of touched) cost += this.phraseCost(d);
      const byPhrase = this.cosinesByPhrase(ks, qw, qWeight, cost);
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
    for (let j = 0; j < n; j++) if (this.always[touched[j]] || bound[j] >= first) cost += this.phraseCost(touched[j]);
    const byPhrase = this.cosinesByPhrase(ks, qw, qWeight, cost);
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
    const cosine = byPhrase ? this.cosine[d] : this.cosineOf(d, ks, qw, qWeight);
    return 0.5 * (this.covered[d] / qWeight) + 0.35 * cosine + 0.15 * (this.focusSum[d] / qWeight);
  }

  /** How many phrase terms `cosineOf` reads for a document. */
  private phraseCost(d: number): number {
    const { start } = this.phraseTerms;
    return start[this.docPhrases[d + 1]] - start[this.docPhrases[d]];
  }

  /**
   * Every document's cosine at once, into `cosine`, from the phrase postings
   * of the message's terms, when they cost less than reading the documents'
   * phrases one by one (`cost` terms; true then, and `search` clears `cosine`
   * of the documents of `reached`): a pack with many example phrases per entry
   * reads a few hundred postings instead of thousands of phrase terms. Each phrase's shared weight is summed
   * term by term in the message's order, as `cosineOf` does: the same value
   * to the last bit.
   */
  private cosinesByPhrase(ks: number[], qw: number[], qWeight: number, cost: number): boolean {
    const { start, items } = this.phrases;
    let postings = 0;
    for (const k of ks) if (k >= 0) postings += start[k + 1] - start[k];
    if (postings * PHRASE_POSTING_COST >= cost) return false;
    const { shared, reached } = this;
    let m = 0;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i];
      if (k < 0) continue;
      for (let at = start[k], end = start[k + 1]; at < end; at++) {
        const p = items[at];
        if (shared[p] === 0) reached[m++] = p;
        shared[p] += qw[i];
      }
    }
    for (let i = 0; i < m; i++) {
      const p = reached[i];
      const d = this.phraseDoc[p];
      this.cosine[d] = Math.max(this.cosine[d], shared[p] / Math.sqrt(qWeight * this.phraseWeight[p]));
      shared[p] = 0;
    }
    this.reachedPhrases = m;
    return true;
  }

  /** Cosine of the message with the document's closest phrase: each phrase's shared weight summed in the message's order. */
  private cosineOf(d: number, ks: number[], qw: number[], qWeight: number): number {
    const { start, items } = this.phraseTerms;
    let best = 0;
    for (let p = this.docPhrases[d], end = this.docPhrases[d + 1]; p < end; p++) {
      let shared = 0;
      if (ks.length <= 31) {
        let mask = 0;
        for (let at = start[p]; at < start[p + 1]; at++) {
          const i = this.inMessage[items[at]];
          if (i) mask |= 1 << (i - 1);
        }
        if (!mask) continue;
        for (let i = 0; mask; i++, mask >>>= 1) if (mask & 1) shared += qw[i];
      } else {
        for (let i = 0; i < ks.length; i++) {
          if (ks[i] < 0) continue;
          for (let at = start[p]; at < start[p + 1]; at++) {
            if (items[at] === ks[i]) {
              shared += qw[i];
              break;
            }
          }
        }
        if (!shared) continue;
      }
      best = Math.max(best, shared / Math.sqrt(qWeight * this.phraseWeight[p]));
    }
    return best;
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
      for (let at = this.phrases.start[k], end = this.phrases.start[k + 1]; at < end; at++) {
        const p = this.phrases.items[at];
        this.cosine[this.phraseDoc[p]] = Math.max(this.cosine[this.phraseDoc[p]], qw[i] / Math.sqrt(qWeight * this.phraseWeight[p]));
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
    for (let at = this.phrases.start[k], end = this.phrases.start[k + 1]; at < end; at++) f(this.phraseDoc[this.phrases.items[at]]);
  }
}
