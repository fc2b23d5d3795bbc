/**
 * French text normalisation: what every recogniser sees instead of raw text.
 * Folded (lowercase, no accents), elisions split, punctuation and emoji gone.
 */

/** Lowercase without diacritics; œ/æ spelled out; typographic apostrophes made plain. */
export function fold(text: string): string {
  return text
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´ʼ]/g, "'");
}

/** What `fold` makes of one character, as letters and digits only (« É » → « e », « ’ » → « »); a table below U+0800. */
const FOLDED: string[] = Array.from({ length: 0x800 }, (_, c) => fold(String.fromCharCode(c)).replace(/[^a-z0-9]+/g, ' '));
const foldedBeyond = new Map<number, string>();
function foldChar(cp: number): string {
  if (cp < 0x800) return FOLDED[cp];
  let s = foldedBeyond.get(cp);
  if (s === undefined) {
    s = fold(String.fromCodePoint(cp)).replace(/[^a-z0-9]+/g, ' ');
    if (foldedBeyond.size < 10_000) foldedBeyond.set(cp, s);
  }
  return s;
}

/**
 * Folded text with every run of non-alphanumerics turned into one space
 * (elisions split: « l'école » is « l ecole »): exactly
 * `fold(text).replace(/[^a-z0-9]+/g, ' ').trim()`, in one pass that copies
 * runs of plain letters whole and folds the rest a character at a time. It
 * runs on every message and on every knowledge text at start.
 */
export function normalize(text: string): string {
  let out = '';
  // a space is written only before the next letter or digit: runs fold to one space, none at either end
  let gap = false;
  let run = -1; // start of the current run of a-z and 0-9
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) {
      if (gap && out.length) out += ' ';
      gap = false;
      out += text.slice(run, i);
      run = -1;
    }
    // `fold` gives each code point the same letters alone as in a text (a test checks every code point)
    let f: string;
    if (c < 128) f = c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ' ';
    else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      f = foldChar(cp);
    }
    for (let j = 0; j < f.length; j++) {
      if (f.charCodeAt(j) === 32) gap = true;
      else {
        if (gap && out.length) out += ' ';
        gap = false;
        out += f[j];
      }
    }
  }
  return out;
}

export const tokenize = (normalized: string): string[] => (normalized ? normalized.split(' ') : []);

/** Function words and question words: they say how a question is asked, not what about. */
export const STOPWORDS = new Set(
  (
    'a ai as au aux avec avoir c ca ce ceci cela celle celui ces cet cette ceux chez comme comment d dans de des du donc dont ' +
    'e elle elles en encore est et etre eu fait faire fais faut il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon ' +
    'n ne ni nos notre nous on ont ou par pas peu peut peuvent peux plus pour pourquoi qu quand que quel quelle quelles quels qui quoi ' +
    's sa sans se ses si sont sur t ta te tes toi ton tu un une vos votre vous y est-ce estce quest cest voici voila ' +
    'dois doit doivent veux veut voudrais voudrait aimerais souhaite souhaiterais cherche cherchais besoin svp stp merci bonjour ' +
    'salut hello svp alors bien tres trop aussi deja ici la-bas quoi donc etc sera seront serait fera fera-t-il va vais allez ' +
    'sais savoir connais connaitre dire dit dis trouve trouver ou-est quelqu quelque quelques chose choses tout tous toute toutes ' +
    'autre autres faites fait-on fait-il peut-on doit-on faut-il sert servir utilise utiliser lequel laquelle lesquels ' +
    'oui non ok okay please hein bah ben euh genre truc machin koi kwa kel kelle ke ki cmt cmnt pk pq pr ds tt ya dc bcp ' +
    // greetings typed fast (« cc c ki le coordo »)
    'cc coucou slt bjr bsr bonsoir hey ' +
    'suis sommes etes jai jsuis chui compris comprends comprendre comprend explique expliquer expliquez expliquer ' +
    // « comment ça marche ? » asks how the thing named works: the thing is the subject (« marche pas » stays a failure, read first)
    'marche marchent'
  ).split(/\s+/),
);

const SUFFIXES = [
  'issements',
  'issement',
  'ations',
  'ation',
  'ateurs',
  'ateur',
  'atrices',
  'atrice',
  'ements',
  'ement',
  'ments',
  'ment',
  'ences',
  'ence',
  'ances',
  'ance',
  'iques',
  'ique',
  'istes',
  'iste',
  'ismes',
  'isme',
  'ables',
  'able',
  'eurs',
  'euses',
  'euse',
  'eur',
  'ites',
  'ite',
  'ives',
  'ive',
  'ifs',
  'if',
  'ees',
  'ee',
  'ers',
  'er',
  'ez',
  'ir',
  'es',
  'e',
  's',
  'x',
];

/**
 * A light French stemmer: strips plural, feminine and the common derivational
 * endings so that affecter / affectation / affectations meet. Never below 4 letters.
 */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    // bounded: the domain's words stay, a flood of odd words cannot grow it forever
    if (stems.size >= 50_000) stems.clear();
    s = stemOnce(word);
    stems.set(word, s);
  }
  return s;
}

/** Stems already computed: the same few thousand words come back in every message and every entry. */
const stems = new Map<string, string>();

function stemOnce(word: string): string {
  if (word.length <= 4 || /^\d/.test(word)) return word;
  let w = word.endsWith('aux') && word.length > 5 ? word.slice(0, -3) + 'al' : word;
  for (const suffix of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // doubled final consonant (coordonn, comm) and a trailing vowel left by the cut
  if (/([^aeiou])\1$/.test(w) && w.length > 5) w = w.slice(0, -1);
  return w;
}

/** Removes what cannot be read: control characters and zero-width marks (invisible, so « bon\0jour » is « bonjour »), emoji and pictographs. */
export function stripNoise(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
    .replace(/\u200b|\u200c|\u200d|\u200e|\u200f|[\u2028-\u202e\u2060-\u206f]|\ufeff|\ufe0f/g, '')
    .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u20e3/gu, ' ');
}

/**
 * Removes markup and mention tokens a platform or a paste may carry (HTML tags,
 * Slack `<!channel>` / `<@U…>`, Discord `<@123>`, `@everyone`, `@room`, markdown
 * markers), keeping the words around them.
 */
export function stripMarkup(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g, '$1') // markdown link or image: its text
    .replace(/<(https?:[^|>\s]+)\|([^>]+)>/g, '$2')
    .replace(/<(?:![a-z^][^>]*|[@#][A-Z0-9]+(?:\|[^>]*)?|@[!&]?\d+|#\d+|:[a-z0-9_]+:\d+)>/gi, ' ')
    .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi, ' ')
    .replace(/(^|[\s(])@(everyone|here|room|channel|tous)\b/gi, '$1 ')
    .replace(/[*_~`#|]{1,3}/g, ' ');
}

/**
 * The one cleaning of a person's message: noise and markup out, white space
 * folded. What is left is the text a person sees; the engine reads nothing else.
 */
export function cleanText(raw: string): string {
  // NFKC: full-width and other compatibility forms (ｑｕｉ, ﬁ) become the letters they show
  return stripMarkup(stripNoise(raw).normalize('NFKC')).replace(/\s+/g, ' ').trim();
}
