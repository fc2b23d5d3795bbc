/**
 * Scrubbing of a message before it is kept without who wrote it: what could
 * name or reach a person (an address, a phone number, a link, a school's UAI
 * code, any number, a mention, a proper name the guide does not use) becomes
 * a placeholder, and the text is cut to a readable length.
 */

/** Placeholders, as DANE staff read them in `kb:gaps`. */
export const SCRUBBED = {
  email: '[courriel]',
  phone: '[téléphone]',
  link: '[lien]',
  uai: '[UAI]',
  mention: '[mention]',
  name: '[nom]',
  number: '#',
} as const;

/** Longest scrubbed text kept: a question, not a pasted document. */
export const SCRUB_MAX_LENGTH = 200;

const RULES: [RegExp, string][] = [
  [/\b(?:https?:\/\/|www\.)\S+/gi, SCRUBBED.link],
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu, SCRUBBED.email],
  // a Matrix id, a Slack or Discord handle left in the text
  [/(?<![\p{L}\p{N}])@[\p{L}\p{N}._-]+(?::[\p{L}\p{N}.-]+)?/gu, SCRUBBED.mention],
  // French numbers (06 12 34 56 78, +33 6 12 34 56 78, 05.57.57.57.57) and any long run of digits and separators
  [/(?:\+\d{1,3}[\s.-]?)?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){7,}/g, SCRUBBED.phone],
  // an établissement's UAI (0331234A): one school, so often one RUPN
  [/\b\d{7}\s?[a-z]\b/gi, SCRUBBED.uai],
  [/\d+(?:[.,]\d+)*/g, SCRUBBED.number],
];

/** A capitalised word that does not start a sentence: a name, unless the guide uses it. */
const CAPITALISED = /(?<=[\p{L}\p{N},;:)'’-]\s+)\p{Lu}[\p{L}'’-]*/gu;

/**
 * `text` with addresses, numbers, links, UAI codes and mentions replaced by
 * placeholders; capitalised words inside a sentence that `known` does not
 * recognise (people's and schools' names) become `[nom]`; cut to `max` characters.
 */
export function scrub(text: string, known: (word: string) => boolean = () => false, max = SCRUB_MAX_LENGTH): string {
  let out = text;
  for (const [re, placeholder] of RULES) out = out.replace(re, placeholder);
  out = out.replace(CAPITALISED, (word) => (known(word) ? word : SCRUBBED.name));
  out = out.replace(/\s+/g, ' ').trim();
  if (out.length <= max) return out;
  const cut = out.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
