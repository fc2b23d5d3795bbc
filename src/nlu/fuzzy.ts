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
  private readonly cache = new Map<string, string | null>();

  constructor(vocabulary: Iterable<string>) {
    this.known = new Set([...vocabulary].filter((w) => w.length >= 2));
    const byLetter = new Map<string, string[]>();
    for (const w of this.known) if (w.length >= 4) byLetter.set(w[0], [...(byLetter.get(w[0]) ?? []), w]);
    for (const [letter, words] of byLetter) this.fuses.set(letter, new Fuse(words, FUSE_OPTIONS));
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** The vocabulary word a misspelt word most likely means, or null. */
  correct(word: string): string | null {
    if (this.known.has(word)) return word;
    // short words are too often other real words (« coûte » is not « courte »)
    if (word.length < 6 || /\d/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    let best: string | null = null;
    for (const hit of this.fuses.get(word[0])?.search(word, { limit: 5 }) ?? []) {
      const cand = hit.item;
      if ((hit.score ?? 1) > MAX_SCORE) break;
      if (cand[0] !== word[0] || Math.abs(cand.length - word.length) > 2) continue;
      if (editDistance(word, cand) <= (word.length >= 9 ? 2 : 1)) {
        best = cand;
        break;
      }
    }
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }
}

/** Damerau-Levenshtein distance (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
