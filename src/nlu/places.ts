import type { PlaceData } from '../knowledge/places.js';
import { normalize } from './normalize.js';

/** A place named in a message: in the académie (with its département) or elsewhere. */
export interface Place {
  /** Where its name starts in the message's tokens, and how many tokens it takes (0 for a number). */
  at: number;
  length: number;
  /** The place as the official list writes it (« Saint-Jean-de-Luz »), or folded when it is the académie's. */
  name: string;
  departement: string;
  inAcademie: boolean;
  /** A département named or numbered rather than a town (« dans le 75 »). */
  isDepartement?: boolean;
  /** The name of its département, for a place elsewhere. */
  departementNom?: string;
  /** Outside France (a country, « à l'étranger », a French school abroad): `departement` is empty. */
  abroad?: boolean;
}

/** Abroad without a country's name: « à l'étranger », « au lycée français de Madrid », the AEFE or MLF networks. */
const ABROAD = /\b(?:a l etranger|en poste a l etranger|(?:lycee|college|etablissement|ecole) francais (?:de|d|a|au)|aefe|mlf)\b/;

/** « à », « au », « sur » before a name: where one is (« je suis a toulouse »). */
const AT = new Set(['a', 'au', 'sur']);
const ARTICLES = new Set(['le', 'la', 'l', 'les']);
/** What is named after its seat, not where a person works. */
const INSTITUTIONS = new Set(['academie', 'rectorat', 'dane', 'drane', 'region', 'universite', 'inspe', 'canope']);

/** Words after which a town's name is expected (« au collège de Dax », « à Biscarrosse », « sur Pau »). */
const CUES = new Set([
  'a',
  'au',
  'aux',
  'de',
  'd',
  'du',
  'sur',
  'en',
  'dans',
  // « dans le Gers », « dans l'Ain »: the article after « dans », « vers », « près de »
  'le',
  'la',
  'l',
  'les',
  'vers',
  'pour',
  'pres',
  'cote',
  'college',
  'lycee',
  'ville',
  'commune',
  'secteur',
  'bassin',
  'cite',
  'lp',
  'lgt',
  'clg',
]);
const LONGEST = 7;
/** How many times larger a commune must be than any other of another département to be named by its first words. */
const LARGER = 5;
/** Words after which (with « de ») a school's town comes: « collège de Parentis ». */
const SCHOOL = new Set(['college', 'lycee', 'clg', 'lp', 'lgt', 'cite', 'ville', 'commune']);
/** The words that join the parts of a commune's name (« Parentis-en-Born », « Sainte-Foy-la-Grande »). */
const CONNECTORS = new Set(['en', 'sur', 'sous', 'de', 'd', 'du', 'des', 'les', 'la', 'le', 'l', 'lez', 'et', 'aux', 'a', 'au']);

/**
 * Finds towns and départements in a message with the official list of
 * communes: a town of the académie gives its département; a town or a
 * département elsewhere (« je suis à Paris », « dans le 75 ») is reported as
 * outside. A place elsewhere, or a town of the académie whose name is also a
 * word, counts only when written with its capital.
 */
export class Places {
  private readonly elsewhereDeps = new Map<string, string>();
  private readonly depNumbers: RegExp;
  /** Every name's first words (« la », « la teste », « la teste de »…): a name is read word by word only while it can still be one. */
  private readonly prefixes = new Set<string>();
  /** A commune's first words, when its commune is by far the largest they can name: « parentis », « villeneuve ». */
  private readonly shortNames = new Map<string, string>();
  /** The words of the académie's communes (4 letters or more), which the speller may leave as typed. */
  private readonly localWords = new Set<string>();
  /** The département numbers `depNumbers` looks for: a text with none of them needs no regex. */
  private readonly codes = new Set<string>();
  /** Cities elsewhere, read in lower case after « à ». */
  private readonly cities: Set<string>;

  constructor(
    private readonly data: PlaceData,
    academieDeps: string[],
    /** True for the words of the domain and of everyday French: such a town name needs a capital. */
    private readonly isWord: (w: string) => boolean,
  ) {
    const ours = new Set(academieDeps);
    this.cities = new Set(data.cities ?? []);
    for (const d of data.departements) if (!ours.has(d.code)) this.elsewhereDeps.set(normalize(d.nom), d.code);
    const codes = data.departements.filter((d) => !ours.has(d.code)).map((d) => normalize(d.code));
    for (const c of codes) this.codes.add(c);
    // « Parentis » for Parentis-en-Born, « Villeneuve » for Villeneuve-sur-Lot: a commune's first words (before « en »,
    // « sur », « de »…) name it when it is by far the largest of the communes they may name
    const heads = new Map<string, { dep: string; people: number }[]>();
    for (const name of Object.keys(data.academie)) {
      const words = name.split(' ');
      const cut = words.findIndex((w, i) => i > 0 && CONNECTORS.has(w));
      if (cut < 1) continue;
      const head = words.slice(0, cut).join(' ');
      if (!heads.has(head))
        heads.set(head, data.academie[head] ? [{ dep: data.academie[head], people: data.population?.[head] ?? 0 }] : []);
      heads.get(head)!.push({ dep: data.academie[name], people: data.population?.[name] ?? 0 });
    }
    for (const [head, towns] of heads) {
      const [first, ...others] = [...towns].sort((x, y) => y.people - x.people);
      const rival = others.find((t) => t.dep !== first.dep)?.people ?? 0;
      const exact = data.academie[head] !== undefined ? (data.population?.[head] ?? 0) : -1;
      if (first.dep && first.people >= LARGER * rival && first.people > exact) this.shortNames.set(head, first.dep);
    }
    for (const name of Object.keys(data.academie)) for (const w of name.split(' ')) if (w.length >= 4) this.localWords.add(w);
    const countries = Object.keys(data.countries ?? {});
    for (const name of [
      ...Object.keys(data.academie),
      ...this.shortNames.keys(),
      ...Object.keys(data.elsewhere),
      ...this.elsewhereDeps.keys(),
      ...countries,
    ]) {
      const words = name.split(' ');
      for (let n = 1; n <= words.length; n++) this.prefixes.add(words.slice(0, n).join(' '));
    }
    this.depNumbers = new RegExp(
      `\\b(?:dans le|du|le|dpt|dept|departement|departement du|en)\\s+(${codes.join('|')})\\b|\\((${codes.join('|')})\\)`,
    );
  }

  /**
   * Whether the word at `i` names a commune of the académie, to be left as
   * typed by the speller (« Parentis » is not « parents »): written with its
   * capital, or right after « collège (de) », « lycée (de) ».
   */
  isLocalName(tokens: string[], i: number, raw: string): boolean {
    if (!this.localWords.has(tokens[i])) return false;
    return this.afterSchool(tokens, i) || capitalised(raw, tokens[i]);
  }

  /**
   * Whether the words `at`…`at + length` are part of the name of a
   * département outside the académie (« pyrenees » in « Hautes-Pyrénées »),
   * so that they do not name one of the académie's.
   */
  insideElsewhereDepartement(tokens: string[], at: number, length: number): boolean {
    for (let start = Math.max(0, at - 2); start <= at; start++) {
      for (let end = at + length; end <= Math.min(tokens.length, at + length + 2); end++) {
        if (end - start > length && this.elsewhereDeps.has(tokens.slice(start, end).join(' '))) return true;
      }
    }
    return false;
  }

  /** Whether the word at `i` comes right after « collège », « lycée » (with « de » or not). */
  private afterSchool(tokens: string[], i: number): boolean {
    const cue = tokens[i - 1] === 'de' || tokens[i - 1] === 'd' ? tokens[i - 2] : tokens[i - 1];
    return cue !== undefined && SCHOOL.has(cue);
  }

  /** The first place the message names, if any. */
  find(tokens: string[], raw: string): Place | undefined {
    for (let i = 1; i < tokens.length; i++) {
      if (!CUES.has(tokens[i - 1])) continue;
      // the words from `i` that can still begin a name, one more at a time; then tried longest first
      const names: string[] = [];
      let words = tokens[i];
      while (this.prefixes.has(words)) {
        names.push(words);
        if (names.length === LONGEST || i + names.length === tokens.length) break;
        words += ` ${tokens[i + names.length]}`;
      }
      for (let n = names.length; n >= 1; n--) {
        const name = names[n - 1];
        // a département elsewhere (« à la Réunion ») rather than the small commune of the académie that has its name
        const dep = this.elsewhereDeps.has(name) ? undefined : (this.shortNames.get(name) ?? this.data.academie[name]);
        const town = dep === undefined ? this.data.elsewhere[name] : undefined;
        const other = town?.[0] ?? (dep === undefined ? this.elsewhereDeps.get(name) : undefined);
        const country = dep === undefined && other === undefined ? this.data.countries?.[name] : undefined;
        if (country && capitalised(raw, name)) return { name: country, departement: '', inAcademie: false, abroad: true, at: i, length: n };
        if (dep === undefined && other === undefined) continue;
        // a town of the académie may be typed in lower case unless its name is also a word; a place elsewhere needs its capital
        // the first words of a longer name (« Villeneuve », « Lit ») in lower case only right after « collège de », « lycée de »
        const short = this.shortNames.has(name) && this.data.academie[name] !== dep;
        // a city elsewhere in lower case only right after « à », « au », « sur » (« je suis a toulouse », not « à la montagne »)
        const looseElsewhere = Boolean(town) && AT.has(tokens[i - 1]) && this.cities.has(name);
        // a département elsewhere of two words or more is no common phrase (« haute garonne », « hautes pyrenees »)
        // (« la reunion » is a meeting: an article does not count as a word)
        const looseDepartement = !town && other !== undefined && n > 1 && !ARTICLES.has(tokens[i]);
        const loose =
          looseElsewhere ||
          looseDepartement ||
          (dep !== undefined && (short ? this.afterSchool(tokens, i) : n > 1 || (name.length >= 3 && !this.isWord(name))));
        if (!loose && !capitalised(raw, name)) continue;
        if (dep === '') return undefined; // two départements of the académie have it: ask rather than guess
        // « l'académie de Bordeaux », « le rectorat de Bordeaux » name the académie, not where the person works
        if (dep && (tokens[i - 1] === 'de' || tokens[i - 1] === 'd') && INSTITUTIONS.has(tokens[i - 2])) return undefined;
        if (dep) return { name, departement: dep, inAcademie: true, at: i, length: n };
        const depName = this.data.departements.find((d) => d.code === other)?.nom;
        return {
          name: town?.[1] ?? depName ?? name,
          departement: other!,
          departementNom: depName,
          inAcademie: false,
          isDepartement: !town,
          at: i,
          length: n,
        };
      }
    }
    if (ABROAD.test(tokens.join(' '))) return { name: '', departement: '', inAcademie: false, abroad: true, at: 0, length: 0 };
    // a number of the list is a token of the text (the tokens are the normalised text's words, numbers never corrected)
    if (!tokens.some((t) => this.codes.has(t))) return undefined;
    const num = this.depNumbers.exec(normalize(raw));
    const code = num?.[1] ?? num?.[2];
    if (code) {
      const d = this.data.departements.find((x) => normalize(x.code) === code);
      if (d) return { name: d.nom, departement: d.code, departementNom: d.nom, inAcademie: false, isDepartement: true, at: 0, length: 0 };
    }
    return undefined;
  }
}

/** Whether the raw text writes the name with a capital (« à Pau », not « à pau »). */
function capitalised(raw: string, folded: string): boolean {
  const plain = raw.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const at = new RegExp(`(^|[^a-z0-9])${folded.replace(/ /g, '[^a-z0-9]+')}($|[^a-z0-9])`, 'i').exec(plain);
  if (!at) return false;
  // « la Réunion », « le Mans »: the article may stay in lower case
  const article = /^(?:la|le|les|l)[^a-z0-9]+/i.exec(plain.slice(at.index + at[1].length))?.[0].length ?? 0;
  const first = plain[at.index + at[1].length + article];
  return first !== undefined && first !== first.toLowerCase();
}
