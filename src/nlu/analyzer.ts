import type { Niveau } from '../shared/types.js';
import type { Lexicon } from '../knowledge/schema.js';
import type { PlaceData } from '../knowledge/places.js';
import { Speller } from './fuzzy.js';
import { Places, type Place } from './places.js';
import { STOPWORDS, fold, normalize, stem, tokenize } from './normalize.js';

/** What the engine reads from one message. */
export interface Analysis {
  /** The text as typed, normalised (folded, no punctuation), before any correction: what patterns match. */
  normalized: string;
  /** Normalised tokens after typo correction. */
  tokens: string[];
  /** Content terms: stemmed, lexicon-expanded, no stopwords. The search index speaks this. */
  terms: string[];
  departement?: string;
  /** A town or département named (« au collège de Dax », « je suis à Paris »), in the académie or not. */
  place?: Place;
  niveau?: Niveau;
  /** The entry for people the guide does not serve, when the message names such a role or school (« ERUN », « école maternelle »). */
  outsideScope?: string;
  /** Phrased as a question (how, what, where, who, a question mark). */
  question: boolean;
  /** Says the person wants something done (je veux, je voudrais, aide-moi à…). */
  wish: boolean;
  /** The person speaks of themselves (je suis, je travaille, mon établissement…). */
  aboutSelf: boolean;
  /** Nothing but a département or a niveau (« et pour les Landes ? »): a follow-up to the last answer. */
  onlyEntities: boolean;
}

interface Rewrite {
  from: string[];
  /** `from`, stemmed once. */
  stems?: string[];
  to: string[];
  keep: boolean;
  /** Only when written in capitals in the raw text (CA is not ça). */
  caseWord?: string;
}

/** Words of a follow-up that add nothing to its entity (« et pour le lycée alors ? »). */
const FOLLOW_UP_FILLER = new Set([
  'pareil',
  'idem',
  'meme',
  'chose',
  'maintenant',
  'plutot',
  'aussi',
  'cas',
  'dans',
  'pour',
  'et',
  'sinon',
  'version',
  'un',
  'une',
  'les',
  'le',
  'la',
  'des',
]);

/** The words before a niveau that say it is not the person's (« pas en collège », « plus au lycée »). */
const NOT_THERE = new Set([
  'pas en',
  'pas au',
  'pas dans le',
  'pas dans un',
  'plus en',
  'plus au',
  'plus dans le',
  'plus dans un',
  'non en',
]);

const QUESTION_START =
  /^(comment|pourquoi|quand|quel|quels|quelle|quelles|qui|que|quoi|ou|combien|est ce|c est quoi|qu est ce|a quoi|a qui|de quoi|peut on|dois je|faut il|y a t il|existe t il|lequel|laquelle|c quoi|c koi|ckoi|kesako|kezako|que fait|que font)\b/;
const WISH =
  /\b(je (veux|voudrais|souhaite|souhaiterais|aimerais|dois|vais|cherche a)|j aimerais|on (veut|voudrait|doit)|aide moi|aidez moi|peux tu|pouvez vous|pourrais tu|pourriez vous|il faut que je|besoin de (faire|preparer|rediger|signaler|organiser)|comment (faire|preparer|rediger) (une|la|un|le) (demande|fiche|lettre|ticket|annonce))\b/;
/** « je voudrais savoir… » asks to know, not to do. */
const TO_KNOW = /\b(savoir|connaitre|comprendre|en savoir plus|des infos|des informations|une explication|me renseigner)\b/;
const SELF =
  /\b(je suis|jsuis|j suis|chuis|chui|j enseigne|je travaille|je bosse|je suis en poste|mon etablissement (est|c est)|mon bahut|nous sommes|on est (?:en|au|aux|a|dans|un|une|sur)|je viens d (un|une)|dans mon (college|lycee)|mon (college|lycee) (est|se trouve)|moi c est|je m appelle|je viens d etre (nomme|nommee|designe|designee|mute|mutee|affecte|affectee)|j ai ete (nomme|nommee|mute|mutee|affecte|affectee)|j ai (pris|repris|accepte) (la mission|le poste|la fonction|ce role)|je (prends|reprends) (la mission|le poste|la fonction))\b|^((bonjour|salut|hello|coucou) )?(nouvelle |nouveau |jeune )?(rupn|referent|referente|referent numerique|referente numerique|prof|profs|professeur|professeure|enseignant|enseignante|cpe|documentaliste|prof doc|principal|principale|proviseur|proviseure|adjoint|adjointe|tzr|stagiaire|contractuel|contractuelle)\b.*\b(college|lycee|clg|lp|lgt|etablissement)\b/;

/** A message that opens with a role (« référente numérique … », « prof en lycée … »). */
const ROLE_START =
  /^((bonjour|salut|hello|coucou) )?(nouvelle |nouveau |jeune )?(rupn|referent|referente|prof|profs|professeur|professeure|enseignant|enseignante|cpe|documentaliste|principal|principale|proviseur|proviseure|adjoint|adjointe|tzr|stagiaire|contractuel|contractuelle)\b/;

/** Whether a piece of a message (normalised) says who or where the person is: « je suis… », « RUPN au collège… ». */
export const saysSelf = (normalized: string): boolean => SELF.test(normalized) || ROLE_START.test(normalized);

/** Turns raw text into an `Analysis`; built once per knowledge base. */
export class Analyzer {
  private readonly rewrites: Rewrite[] = [];
  /** Rewrites by the stem of their first word, longest first. */
  private readonly rewritesByStem = new Map<string, Rewrite[]>();
  private readonly speller: Speller;
  private readonly departements: { numero: string; token: string; phrases: string[][]; number: RegExp }[];
  private readonly niveaux: { niveau: Niveau; phrases: string[][] }[];
  private readonly outside: { entry: string; phrases: string[][] }[];
  private readonly niveauWords: Set<string>;
  /** The niveau phrases by their first word (a message is read once, word by word). */
  private readonly niveauStarts = new Map<string, { niveau: Niveau; phrase: string[] }[]>();
  /** The first word of every département's name and its number: a text with none of them names no département. */
  private readonly departementWords: Set<string>;

  private readonly places?: Places;

  /** `names`: the pack's own names (tools, keywords), which a short misspelt word may be read as, like the lexicon's words. */
  constructor(lexicon: Lexicon, corpus: string[], places?: PlaceData, names: string[] = []) {
    const phrase = (s: string) => tokenize(normalize(s));
    for (const [acro, expansion] of Object.entries(lexicon.acronymes)) {
      const a = phrase(acro);
      const e = phrase(expansion);
      const caseWord = a.length === 1 && STOPWORDS.has(a[0]) ? acro : undefined;
      this.rewrites.push({ from: a, to: e, keep: true, caseWord }, { from: e, to: a, keep: true });
    }
    for (const [canonical, variants] of Object.entries(lexicon.synonymes)) {
      const c = phrase(canonical);
      for (const v of variants) {
        const p = phrase(v);
        if (p.join(' ') !== c.join(' ')) this.rewrites.push({ from: p, to: c, keep: false });
      }
    }
    this.rewrites.sort((x, y) => y.from.length - x.from.length);
    for (const r of this.rewrites) {
      if (!r.from.length) continue;
      r.stems = r.from.map(stem);
      this.rewritesByStem.set(r.stems[0], [...(this.rewritesByStem.get(r.stems[0]) ?? []), r]);
    }
    // A number is a département only where it reads as one: "le 33", "(2A)", "dpt 64", "dans le 971", "coordo 33", alone, or last.
    // Matched folded (« 2a »), returned as the lexicon writes it (« 2A »).
    this.departements = lexicon.departements.map((d) => {
      const n = fold(d.numero);
      return {
        numero: d.numero,
        token: n,
        phrases: [d.nom, ...d.variantes].map(phrase),
        number: new RegExp(
          `(^\\s*${n}\\s*[.!?]?\\s*$)|(\\b(dans le|du|en|le|dpt|dept|departement|departement du|coordo|coordonnateur|coordonnatrice|coordinateur|dane)\\s+${n}\\b)|(\\(${n}\\))|((?<!\\b(?:salle|batiment|bat|classe|porte|poste|bureau|numero|chambre|n|no))\\s${n}\\s*[.!?]*\\s*$)`,
        ),
      };
    });
    this.departementWords = new Set(this.departements.flatMap((d) => [d.token, ...d.phrases.map((p) => p[0])]));
    this.niveaux = (['college', 'lycee'] as const).map((n) => ({ niveau: n, phrases: lexicon.niveaux[n].map(phrase) }));
    this.niveauWords = new Set(this.niveaux.flatMap((n) => n.phrases.flat()));
    for (const { niveau, phrases } of this.niveaux)
      for (const phrase of phrases) this.niveauStarts.set(phrase[0], [...(this.niveauStarts.get(phrase[0]) ?? []), { niveau, phrase }]);
    this.outside = lexicon.horsChamp.map((h) => ({ entry: h.entree, phrases: h.mots.map(phrase) }));

    const vocab = new Set<string>();
    const add = (s: string): void => {
      for (const t of tokenize(normalize(s))) vocab.add(t);
    };
    corpus.forEach(add);
    for (const [k, v] of Object.entries(lexicon.acronymes)) {
      add(k);
      add(v);
    }
    for (const [k, v] of Object.entries(lexicon.synonymes)) {
      add(k);
      v.forEach(add);
    }
    for (const d of this.departements) for (const p of d.phrases) for (const t of p) vocab.add(t);
    for (const n of [...this.niveaux, ...this.outside]) for (const p of n.phrases) for (const t of p) vocab.add(t);
    for (const w of STOPWORDS) vocab.add(w);
    // France's départements keep their words as typed (« hautes » in « Hautes-Pyrénées » is no « hauts »)
    for (const d of places?.departements ?? []) for (const t of tokenize(normalize(d.nom))) vocab.add(t);
    // the lexicon's own words (« coordo », « visio », acronyms), not places (« saint » is no « sainte »): what a short misspelt word may be read as
    const domain = new Set<string>();
    const own = (s: string): void => {
      for (const t of tokenize(normalize(s))) if (!STOPWORDS.has(t)) domain.add(t);
    };
    for (const k of Object.keys(lexicon.acronymes)) own(k);
    for (const [k, v] of Object.entries(lexicon.synonymes)) [k, ...v].forEach(own);
    names.forEach(own);
    this.speller = new Speller(vocab, domain);
    if (places)
      this.places = new Places(
        places,
        lexicon.departements.map((d) => d.numero),
        (w) => STOPWORDS.has(w) || vocab.has(w),
      );
  }

  /** The text with each misspelt word replaced by the word it means, punctuation kept (for seams read on the raw text). */
  respell(text: string): string {
    return text.replace(/[\p{L}]{4,}/gu, (w) => {
      const folded = normalize(w);
      if (this.speller.has(folded) || folded.includes(' ')) return w;
      return this.speller.correct(folded) ?? w;
    });
  }

  /** True when the word belongs to the domain's vocabulary (after correction). */
  knows(word: string): boolean {
    return this.speller.has(word);
  }

  /** Reads clean text (a message through `cleanText`, or knowledge text). */
  analyze(clean: string): Analysis {
    const norm = normalize(clean);
    // a town of the académie is left as typed (« Parentis » is not « parents »)
    const typed = tokenize(norm);
    const tokens = typed.map((t, i) =>
      !this.speller.has(t) && this.places?.isLocalName(typed, i, clean) ? t : (this.speller.correct(t) ?? t),
    );
    const text = tokens.join(' ');

    const { departement, place, tokens: withoutDept } = this.entities(tokens, clean);
    const niveau = this.findNiveau(tokens);
    const outsideScope = this.outside.find((o) => o.phrases.some((p) => indexOfSeq(tokens, p) >= 0))?.entry;
    const terms = this.termsOf(withoutDept, clean);

    const rest = withoutDept.filter(
      (t) => t !== 'departement' && !this.niveauWords.has(t) && !STOPWORDS.has(t) && !FOLLOW_UP_FILLER.has(t),
    );
    return {
      normalized: norm,
      tokens,
      terms,
      departement,
      place,
      niveau,
      outsideScope,
      onlyEntities: Boolean(departement || niveau) && rest.length === 0,
      // how the message is put is read on what was typed: the speller only knows the guide's words
      question:
        QUESTION_START.test(norm) ||
        /\?\s*$/.test(clean) ||
        /\b(c est quoi|qu est ce|ca sert|a quoi|comment|pourquoi|quel|quelle|quels|quelles)\b/.test(norm),
      wish: (WISH.test(norm) || WISH.test(text)) && !TO_KNOW.test(norm),
      // « référent numérique à Saint-Paul-lès-Dax »: a role and a place, nothing asked
      aboutSelf: SELF.test(norm) || SELF.test(text) || (ROLE_START.test(norm) && Boolean(departement || place) && !/\?\s*$/.test(clean)),
    };
  }

  /**
   * The terms of knowledge text, exactly as `analyze(clean).terms` (the search
   * index stores them), without reading how a message is put (question, wish,
   * niveau): the index-only path, run over every phrase and body at build.
   */
  indexTerms(clean: string): string[] {
    const tokens = tokenize(normalize(clean)).map((t) => this.speller.correct(t) ?? t);
    return this.termsOf(this.entities(tokens, clean).tokens, clean);
  }

  /**
   * The département a message names (by name, number or town of the official
   * list) and a place elsewhere, each replaced in the tokens by the word
   * `departement`, so that messages and knowledge text read places alike.
   */
  private entities(tokens: string[], clean: string): { departement?: string; place?: Place; tokens: string[] } {
    const found = this.findDepartement(tokens, clean);
    if (found.numero) return { departement: found.numero, tokens: found.tokens };
    // a town of the official list gives its département; a place elsewhere is kept to be told so
    const place = this.places?.find(found.tokens, clean);
    if (!place) return { tokens: found.tokens };
    const rest = place.length
      ? [...found.tokens.slice(0, place.at), 'departement', ...found.tokens.slice(place.at + place.length)]
      : found.tokens;
    return { departement: place.inAcademie ? place.departement : undefined, place, tokens: rest };
  }

  /** Content terms of corrected tokens: lexicon rewrites, no stopwords, stemmed, each once. */
  private termsOf(tokens: string[], raw: string): string[] {
    return [
      ...new Set(
        this.rewrite(tokens, raw)
          .filter((t) => !STOPWORDS.has(t) && t.length > 1)
          .map(stem),
      ),
    ];
  }

  /** Finds a département by name, variant or number in context, and replaces it by the word `departement`. */
  findDepartement(tokens: string[], raw: string): { numero?: string; tokens: string[] } {
    if (!tokens.some((t) => this.departementWords.has(t))) return { tokens };
    for (const d of this.departements) {
      for (const p of d.phrases) {
        const at = indexOfSeq(tokens, p);
        // « pyrenees » inside « hautes pyrenees » is another académie's département
        if (at >= 0 && !this.places?.insideElsewhereDepartement(tokens, at, p.length))
          return { numero: d.numero, tokens: [...tokens.slice(0, at), 'departement', ...tokens.slice(at + p.length)] };
      }
    }
    let folded: string | undefined; // folding a long text costs: only when a number is there
    for (const d of this.departements) {
      const at = tokens.indexOf(d.token);
      if (at < 0) continue;
      folded ??= fold(raw);
      if (d.number.test(folded)) return { numero: d.numero, tokens: [...tokens.slice(0, at), 'departement', ...tokens.slice(at + 1)] };
    }
    return { tokens };
  }

  findNiveau(tokens: string[]): Niveau | undefined {
    // « je suis en lycée, pas en collège »: a niveau said with « pas » before it is not the person's
    const negated = (at: number) => [1, 2, 3].some((k) => at >= k && NOT_THERE.has(tokens.slice(at - k, at).join(' ')));
    const found = new Set<Niveau>();
    for (let at = 0; at < tokens.length; at++)
      for (const { niveau, phrase } of this.niveauStarts.get(tokens[at]) ?? [])
        if (phrase.every((w, k) => tokens[at + k] === w) && !negated(at)) found.add(niveau);
    return found.size === 1 ? [...found][0] : undefined;
  }

  /** Applies acronyms (both ways) and synonyms, matching on stems so plurals and inflections meet. */
  private rewrite(tokens: string[], raw: string): string[] {
    const stems = tokens.map(stem);
    const out: string[] = [];
    const extra: string[] = [];
    let i = 0;
    next: while (i < tokens.length) {
      for (const r of this.rewritesByStem.get(stems[i]) ?? []) {
        if (i + r.from.length > tokens.length) continue;
        let ok = true;
        // the same stem, and about the same word: « équipe » is no « équipement », though both stem to « equip »
        for (let k = 0; k < r.from.length && ok; k++)
          ok = stems[i + k] === r.stems![k] && Math.abs(tokens[i + k].length - r.from[k].length) <= 3;
        if (!ok) continue;
        if (r.caseWord && !new RegExp(`\\b${r.caseWord}\\b`).test(raw)) continue;
        if (r.keep) {
          out.push(...tokens.slice(i, i + r.from.length));
          extra.push(...r.to);
        } else out.push(...r.to);
        i += r.from.length;
        continue next;
      }
      out.push(tokens[i]);
      i++;
    }
    return [...out, ...extra];
  }
}

export function indexOfSeq(tokens: string[], seq: string[]): number {
  if (!seq.length) return -1;
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let k = 0; k < seq.length; k++) if (tokens[i + k] !== seq[k]) continue outer;
    return i;
  }
  return -1;
}
