import type { Analysis } from './analyzer.js';

/**
 * What the classifier sees of a message: its content terms (stemmed and
 * expanded by the lexicon), pairs of neighbouring terms, and the character
 * 4-grams of its longer words (so that a typo still shares most of a word).
 */
export function featuresOf(a: Analysis): string[] {
  const out = a.terms.map((t) => `t:${t}`);
  for (let i = 1; i < a.terms.length; i++) out.push(`b:${a.terms[i - 1]}_${a.terms[i]}`);
  for (const w of a.tokens) {
    if (w.length < 5) continue;
    const padded = ` ${w} `;
    for (let i = 0; i + 4 <= padded.length; i++) out.push(`c:${padded.slice(i, i + 4)}`);
  }
  if (a.departement) out.push('e:departement');
  if (a.question) out.push('e:question');
  return out;
}
