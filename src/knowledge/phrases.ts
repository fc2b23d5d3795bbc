/**
 * The example phrases of the searched documents (title, questions, keywords,
 * examples): what the cosine of a message with a document's closest phrase
 * reads, either document by document or from the phrases the message's terms
 * reach, whichever reads less; both give the same value to the last bit.
 */

/** Postings in one flat layout (CSR): the items of key `k` are `items[start[k]] … items[start[k + 1] - 1]`. */
export interface Flat<A extends Int32Array | Float64Array> {
  start: Int32Array;
  items: A;
}

/** Lists of numbers in one flat layout. */
export function flatten<A extends Int32Array | Float64Array>(lists: number[][], make: (n: number) => A): Flat<A> {
  const start = new Int32Array(lists.length + 1);
  for (let k = 0; k < lists.length; k++) start[k + 1] = start[k] + lists[k].length;
  const items = make(start[lists.length]);
  for (let k = 0; k < lists.length; k++) items.set(lists[k], start[k]);
  return { start, items };
}

/**
 * What adding a message term's weight to a phrase costs (scattered over every
 * phrase of the pack), against reading one term of a document's phrases (the
 * per-document cosine): measured on the shipped pack and a 10,000-entry one.
 */
const PHRASE_POSTING_COST = 2;

/** Every phrase of every document, numbered in document order. */
export class Phrases {
  /** term → the phrases that use it. */
  readonly postings: Flat<Int32Array>;
  /** phrase → its document, and its weight (the rarity of its terms, summed). */
  readonly doc: Int32Array;
  readonly weight: Float64Array;
  /** document → its phrases, numbered `byDoc[d]` to `byDoc[d + 1] - 1`. */
  private readonly byDoc: Int32Array;
  /** phrase → its terms (each once). */
  private readonly terms: Flat<Int32Array>;
  // scratch space of `cosines`: phrase → the weight of the message's terms it has; the phrases reached
  private readonly shared: Float64Array;
  private readonly reached: Int32Array;
  private reachedCount = 0;

  /** `terms[p]`, `doc[p]`: each phrase's terms and document; `postings[k]`: term k's phrases; `idf[k]`: term k's rarity. */
  constructor(terms: number[][], doc: number[], postings: number[][], documents: number, idf: Float64Array) {
    this.postings = flatten(postings, (m) => new Int32Array(m));
    this.doc = Int32Array.from(doc);
    this.byDoc = new Int32Array(documents + 1);
    for (const d of doc) this.byDoc[d + 1]++;
    for (let d = 0; d < documents; d++) this.byDoc[d + 1] += this.byDoc[d];
    this.weight = Float64Array.from(terms, (ts) => ts.reduce((s, k) => s + idf[k], 0));
    this.terms = flatten(terms, (m) => new Int32Array(m));
    this.shared = new Float64Array(doc.length);
    this.reached = new Int32Array(doc.length);
  }

  /** How many phrase terms `cosineOf` reads for a document. */
  cost(d: number): number {
    const { start } = this.terms;
    return start[this.byDoc[d + 1]] - start[this.byDoc[d]];
  }

  /**
   * Every document's cosine at once, into `into`, from the phrase postings of
   * the message's terms, when they cost less than reading the documents'
   * phrases one by one (`cost` terms): true then, and `clear` resets `into`
   * afterwards. A pack with many example phrases per entry reads a few hundred
   * postings instead of thousands of phrase terms. Each phrase's shared weight
   * is summed term by term in the message's order, as `cosineOf` does: the
   * same value to the last bit.
   */
  cosines(ks: number[], qw: number[], qWeight: number, cost: number, into: Float64Array): boolean {
    const { start, items } = this.postings;
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
      const d = this.doc[p];
      into[d] = Math.max(into[d], shared[p] / Math.sqrt(qWeight * this.weight[p]));
      shared[p] = 0;
    }
    this.reachedCount = m;
    return true;
  }

  /** Resets what the last `cosines` wrote into `into`. */
  clear(into: Float64Array): void {
    for (let i = 0; i < this.reachedCount; i++) into[this.doc[this.reached[i]]] = 0;
    this.reachedCount = 0;
  }

  /**
   * Cosine of the message with the document's closest phrase, reading each of its phrases: each phrase's shared
   * weight summed in the message's order (`inMessage`: term → 1 + its place in the message, 0 when absent).
   */
  cosineOf(d: number, ks: number[], qw: number[], qWeight: number, inMessage: Int32Array): number {
    const { start, items } = this.terms;
    let best = 0;
    for (let p = this.byDoc[d], end = this.byDoc[d + 1]; p < end; p++) {
      let shared = 0;
      if (ks.length <= 31) {
        let mask = 0;
        for (let at = start[p]; at < start[p + 1]; at++) {
          const i = inMessage[items[at]];
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
      best = Math.max(best, shared / Math.sqrt(qWeight * this.weight[p]));
    }
    return best;
  }
}
