import Fuse from 'fuse.js';

/**
 * Typo tolerance over the domain's vocabulary. Fuse options are set explicitly:
 * its defaults weigh the match position and would drop words that differ late.
 */
const FUSE_OPTIONS = {
  includeScore: true,
  isCaseSensitive: false,
  ignoreLocation: true,
  shouldSort: true,
  findAllMatches: false,
  minMatchCharLength: 3,
  threshold: 0.34,
} as const;

/** Our own cut-off, stricter than Fuse's: a correction must be a near miss. */
const MAX_SCORE = 0.3;

export class Speller {
  /** One Fuse per first letter: a correction keeps the first letter, and each search stays small. */
  private readonly fuses = new Map<string, Fuse<string>>();
  private readonly known: Set<string>;
  /** The words of each first letter and length, for the near misses Fuse's scoring lets through (« coodro »). */
  private readonly byLetterLength = new Map<string, string[]>();
  /** The domain's own words (« coordo », « gironde »): the only ones a short word (4 or 5 letters) may be read as. */
  private readonly domainByLetter = new Map<string, string[]>();
  private readonly cache = new Map<string, string | null>();

  constructor(vocabulary: Iterable<string>, domain: Iterable<string> = []) {
    this.known = new Set([...vocabulary].filter((w) => w.length >= 2));
    const byLetter = new Map<string, string[]>();
    for (const w of this.known) if (w.length >= 4) byLetter.set(w[0], [...(byLetter.get(w[0]) ?? []), w]);
    for (const [letter, words] of byLetter) this.fuses.set(letter, new Fuse(words, FUSE_OPTIONS));
    for (const w of this.known)
      if (w.length >= 4) this.byLetterLength.set(w[0] + w.length, [...(this.byLetterLength.get(w[0] + w.length) ?? []), w]);
    for (const w of new Set(domain)) if (w.length >= 4) this.domainByLetter.set(w[0], [...(this.domainByLetter.get(w[0]) ?? []), w]);
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** The vocabulary word a misspelt word most likely means, or null. */
  correct(word: string): string | null {
    if (this.known.has(word)) return word;
    if (word.length < 4 || /\d/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    let best: string | null = null;
    // short words are too often other real words (« coûte » is not « courte »): only the domain's own, one letter off
    if (word.length < 6) best = nearest(word, this.domainByLetter.get(word[0]) ?? [], 1);
    else {
      const most = word.length >= 9 ? 2 : 1;
      for (const hit of this.fuses.get(word[0])?.search(word, { limit: 5 }) ?? []) {
        const cand = hit.item;
        if ((hit.score ?? 1) > MAX_SCORE) break;
        if (cand[0] !== word[0] || Math.abs(cand.length - word.length) > 2) continue;
        if (editDistance(word, cand, most) <= most) {
          best = cand;
          break;
        }
      }
      // one edit away: the same first letter, one letter shorter, as long, or one longer
      best ??= nearest(
        word,
        [-1, 0, 1].flatMap((d) => this.byLetterLength.get(word[0] + (word.length + d)) ?? []),
        1,
      );
    }
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }
}

/** The one candidate within `max` edits of `word` (the closest, if it is alone at that distance), or null. */
function nearest(word: string, candidates: string[], max: number): string | null {
  let best: string | null = null;
  let bestDistance = max + 1;
  let tied = false;
  for (const cand of candidates) {
    if (Math.abs(cand.length - word.length) > max) continue;
    const d = editDistance(word, cand, max);
    if (d < bestDistance) [best, bestDistance, tied] = [cand, d, false];
    else if (d === bestDistance) tied = true;
  }
  return tied ? null : best;
}

/** Rows of the distance table, reused (and grown for a longer word): no allocation per comparison. */
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * The Damerau distance between `a` and `b` (optimal string alignment: an
 * insertion, a deletion, a substitution or two neighbours swapped cost 1);
 * with `max`, any distance above it is reported as `max + 1`, found early.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length >= rows[0].length) rows = rows.map(() => new Int32Array(b.length + 1));
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length];
}
