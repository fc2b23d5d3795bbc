import { leadPassage, passagesOf } from '../../knowledge/passages.js';
import type { Entry } from '../../knowledge/schema.js';
import { STOPWORDS, normalize } from '../../nlu/normalize.js';
import type { Analysis } from '../../nlu/analyzer.js';
import { say } from '../../shared/text.js';
import type { Niveau, TurnResult } from '../../shared/types.js';
import { decide, type Ranking } from '../decide.js';
import type { Hit } from '../../knowledge/search.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { answering, result, type Step, type Turn } from '../turn.js';

const LIST_WORDS = new Set(['liste', 'tous', 'toutes', 'annuaire', 'ensemble', 'chaque', 'listing']);

/** The person asks for every item (« liste des coordonnateurs », « les coordos ») rather than theirs. */
function wantsList(turn: Turn): boolean {
  const text = turn.analysis.tokens.join(' ');
  return turn.analysis.tokens.some((w) => LIST_WORDS.has(w)) || (/\bcoordo\w*s\b/.test(text) && !/\b(mon|ma|notre)\b/.test(text));
}

/** The entry's answer changes with what the follow-up names (a département for the coordinators, a niveau for variants). */
function dependsOn(entry: Entry, turn: Turn): boolean {
  if (turn.analysis.departement && entry.render?.kind === 'coordonnateurs') return true;
  return Boolean(turn.analysis.niveau && (entry.variants || entry.render?.kind === 'outils' || entry.audience.length === 1));
}

/** The entry, or the page that stands for it at that niveau (OSÉ → Lycée connecté). */
export function atNiveau(engine: Engine, entry: Entry, niveau: Niveau | undefined): Entry {
  const other = niveau && entry.counterpart && !entry.audience.includes(niveau) ? engine.entry(entry.counterpart) : undefined;
  return other ?? entry;
}

/** « qui est Lionel Delsaux ? »: the département of the coordinator the message names. */
function namedCoordinator(engine: Engine, turn: Turn): string | undefined {
  const text = ` ${turn.analysis.tokens.join(' ')} `;
  return engine.kb.coordonnateurs.find((c) => {
    const last = normalize(c.nom)
      .split(' ')
      .filter((w) => w.length > 2)
      .pop();
    return last && text.includes(` ${last} `);
  })?.departement;
}

/** The départements offered when the assistant asks for one. */
export function departementChoices(engine: Engine) {
  return engine.kb.lexicon.departements.map((d) => ({ label: `${d.nom} (${d.numero})`, value: `${d.nom} (${d.numero})` }));
}

/** Builds the reply of one entry for this person; asks for the département first when the answer depends on it. */
export function answerEntry(engine: Engine, turn: Turn, entry: Entry, confidence: number): TurnResult {
  const profile = turn.person.profile;
  const departement = turn.analysis.departement ?? namedCoordinator(engine, turn) ?? profile.departement;
  const niveau = turn.analysis.niveau ?? profile.niveau;
  if (entry.render?.kind === 'coordonnateurs' && !departement && !wantsList(turn)) {
    turn.conversation.pending = { kind: 'slot', slot: 'departement', entryId: entry.id };
    return result('kb.clarify', [say(T.askDepartement, departementChoices(engine))], entry.id, confidence);
  }
  const flow = entry.flow ? engine.flow(entry.flow) : undefined;
  const hint = flow ? T.flowOffer(flow.label, flow.command) : undefined;
  const built = engine.answers.build(entry, { niveau, departement }, hint);
  // « un parent peut siéger à la commission ? »: the sentence that answers, first
  const page = hint ? { blocks: built.blocks.slice(0, -1) } : built; // the offer of a flow answers nothing
  const lead =
    turn.analysis.question && !entry.render ? leadPassage(page, entry.title, turn.analysis.terms, engine.passageTerms) : undefined;
  const answer = lead
    ? { blocks: [built.blocks[0], { type: 'paragraph' as const, text: T.inShort(lead) }, ...built.blocks.slice(1)] }
    : built;
  // « à qui demander conseil pour un projet ? »: the page, and the person to ask where the person works
  const coordo = ASKS_WHOM.test(turn.analysis.normalized) && entry.render?.kind !== 'coordonnateurs' && departement;
  const c = coordo ? engine.kb.coordonnateurs.find((x) => x.departement === coordo) : undefined;
  const whom = c ? [say(T.yourCoordo(engine.answers.departementName(c.departement), c.nom, c.email))] : [];
  return result('kb.answer', [answer, ...whom], entry.id, confidence);
}

/** The person asks whom to turn to, not only what to do. */
const ASKS_WHOM =
  /\b(a qui|aupres de qui|vers qui|qui (je|j|on) (contacte|appelle|joins|sollicite|peux contacter|dois contacter|peux joindre)|qui (?:(?:dois je|puis je|devrais je|faut il|je dois|il faut) )?(contacter|joindre|appeler|solliciter|peut m aider|peut me conseiller|peut nous aider|pourrait m aider)|quel interlocuteur|quelle personne)\b/;

/** The short ways of asking whom, which `ASKS_WHOM` leaves to the page found (« qui contacter pour une panne »). */
const ASKS_WHOM_SHORT =
  /\b(qui contacter|qui joindre|qui appeler|a qui (m|s|nous|me|se) adresser|(on|je) (s|m) adresse a qui|a qui (on|je) (s|m) adresse|a qui (je )?(demander|ecrire)|vers qui (me|se|nous) tourner|personne a contacter|(quel|quelle|un|une) (contact|interlocuteur|interlocutrice|referent|referente))\b/;

/** Who to ask when the assistant cannot answer: the person's coordinator when the département is known. */
export function human(engine: Engine, turn: Turn): string {
  const dep = turn.person.profile.departement;
  const c = dep ? engine.kb.coordonnateurs.find((x) => x.departement === dep) : undefined;
  const dane = engine.kb.academie.dane;
  return T.askHuman(c ? T.humanCoordo(c.nom, c.email, dane) : T.humanDefault(dane));
}

/** An entry only for the other niveau weighs this much less when the person's niveau is known. */
const OTHER_NIVEAU = 0.75;
/** An entry only for the person's own niveau is the more precise answer: it weighs this much more. */
const OWN_NIVEAU = 1.2;

/** An entry's first keyword, normalised once (it names the page: « OSÉ », « Lycée connecté »). */
const firstKeywords = new WeakMap<Entry, string>();
function firstKeyword(e: Entry): string {
  let k = firstKeywords.get(e);
  if (k === undefined) {
    k = normalize(e.keywords[0]);
    firstKeywords.set(e, k);
  }
  return k;
}

/**
 * The ranking for a person whose niveau is known: the other niveau's pages
 * step back, unless the message names them; a page with a counterpart (OSÉ
 * for Lycée connecté) hands its score to it, so a collège asking « l'adresse
 * de l'ENT pour les parents » gets OSÉ, never the lycées' page.
 */
function forNiveau(engine: Engine, ranking: Ranking, niveau: Niveau | undefined, normalized: string): Ranking {
  if (!niveau) return ranking;
  const named = (e: Entry) => e.keywords.length > 0 && ` ${normalized} `.includes(` ${firstKeyword(e)} `);
  const sorted = (hits: Hit[]) => {
    const out = new Map<string, number>();
    const put = (id: string, score: number) => out.set(id, Math.max(out.get(id) ?? 0, score));
    for (const h of hits) {
      const e = engine.entry(h.id);
      if (!e || named(e)) put(h.id, h.score);
      else if (e.audience.includes(niveau)) put(h.id, e.audience.length === 1 ? h.score * OWN_NIVEAU : h.score);
      else if (e.counterpart) {
        put(e.counterpart, h.score);
        put(h.id, h.score * OTHER_NIVEAU * OTHER_NIVEAU);
      } else put(h.id, h.score * OTHER_NIVEAU);
    }
    return [...out].map(([id, score]) => ({ id, score })).sort((x, y) => y.score - x.score);
  };
  return { ...ranking, hits: sorted(ranking.hits), index: sorted(ranking.index) };
}

/** Words that ask where a thing is or how to reach it, and nothing else about it. */
const WHERE_WORDS = new Set(
  'adresse adresses lien liens site url mail mails courriel email telephone tel numero acces contact coordonnees page formulaire web internet'.split(
    ' ',
  ),
);

/** « son site », « leur adresse »: whose it is, the page just answered. */
const THEIR = new Set(['son', 'sa', 'ses', 'leur', 'leurs']);

/** « l'adresse ? », « et le lien ? », « son site ? »: only where to find what was just answered. */
function asksWhereOnly(a: Analysis): boolean {
  const words = a.tokens.filter((t) => !STOPWORDS.has(t) && !THEIR.has(t));
  return words.length > 0 && words.length <= 3 && words.every((t) => WHERE_WORDS.has(t)) && !a.departement && !a.niveau;
}

/** « même question pour… », « pareil en lycée », « idem dans les Landes »: the last question again, somewhere else. */
const SAME_QUESTION = /^(?:et )?(?:(?:la )?meme (?:question|chose|demande)|pareil|idem)(?: mais)?\s*/;

/** An entry asked for by its id (a « Vouliez-vous dire » choice), a follow-up, or a bare département. */
function direct(engine: Engine, turn: Turn): TurnResult | undefined {
  const byId = engine.entry(turn.text.trim());
  if (byId) return answerEntry(engine, turn, byId, 1);
  const previous = turn.lastTopic ? engine.entry(turn.lastTopic) : undefined;
  // « même question pour le lycée »: what follows « même question » is the follow-up
  const same = previous && SAME_QUESTION.exec(turn.analysis.normalized);
  if (same && same[0].length < turn.analysis.normalized.length) {
    turn.text = turn.analysis.normalized.slice(same[0].length);
    turn.analysis = engine.analyzer.analyze(turn.text);
  }
  const a = turn.analysis;
  // « c'est quoi ARENA ? » then « l'adresse ? »: where to find the page just given (its links are in it)
  if (previous && asksWhereOnly(a)) {
    if (turn.lastDepartement) turn.analysis = { ...a, departement: turn.lastDepartement };
    return answerEntry(engine, turn, previous, 0.9);
  }
  if (!a.onlyEntities || a.aboutSelf) return undefined;
  // « et pour les Landes ? » right after an answer: the same entry, for that département or niveau
  // (« quel est l'ENT des collèges ? » then « et en lycée ? »: the lycées' own page)
  if (previous && dependsOn(previous, turn)) return answerEntry(engine, turn, atNiveau(engine, previous, a.niveau), 0.9);
  // a bare département: what the guide has per département is its coordinator
  const coordinators = coordinatorsPage(engine);
  if (a.departement && coordinators) return answerEntry(engine, turn, coordinators, 0.6);
  return undefined;
}

/** The page that lists the coordinators (rendered from `data/coordonnateurs.yaml`). */
const coordinatorsPage = (engine: Engine): Entry | undefined => engine.kb.entries.find((e) => e.render?.kind === 'coordonnateurs');

/** « qui contacter ? », « à qui m'adresser ? » with nothing said of what about: the person's coordinator, the RUPN's first contact. */
function whomOnly(engine: Engine, turn: Turn): TurnResult | undefined {
  const whom = ASKS_WHOM.exec(turn.analysis.normalized) ?? ASKS_WHOM_SHORT.exec(turn.analysis.normalized);
  if (!whom) return undefined;
  const rest = engine.analyzer.analyze(turn.analysis.normalized.replace(whom[0], ' '));
  if (rest.terms.length) return undefined;
  const coordinators = coordinatorsPage(engine);
  return coordinators && answerEntry(engine, turn, coordinators, 0.6);
}

/**
 * The last step: ranked recognition over the knowledge base, decided by
 * `decide` (answer, « Vouliez-vous dire », or a plain « je ne sais pas » with
 * a human to ask). It always answers.
 */
export function knowledge(engine: Engine): Step {
  return answering((turn) => {
    if (turn.profileOnly) return result('profile.update', [], null, 1);
    const found = direct(engine, turn) ?? whomOnly(engine, turn);
    if (found) return found;
    const all = engine.search(turn.analysis);
    const ranking = forNiveau(
      engine,
      engine.rank(turn.analysis),
      turn.analysis.niveau ?? turn.person.profile.niveau,
      turn.analysis.normalized,
    );
    const hits = ranking.hits;
    // a question about what a flow does (« qui appeler pour une panne ? ») gets the entry that leads to it
    const answer = engine.settings.answerThreshold;
    const flow = all[0]?.id.startsWith('flow:') ? all[0] : undefined;
    if (flow && flow.score >= answer && (hits[0]?.score ?? 0) < answer) {
      const viaFlow = engine.kb.entries.find((e) => `flow:${e.flow}` === flow.id);
      if (viaFlow) return answerEntry(engine, turn, viaFlow, flow.score);
    }
    const d = decide(ranking, turn.analysis, engine, engine.settings);
    if (d.kind === 'answer') {
      const answered = answerEntry(engine, turn, engine.entry(d.hit.id)!, d.hit.score);
      const also = d.seeAlso && engine.entry(d.seeAlso.id);
      if (!also || answered.intent !== 'kb.answer') return answered;
      const options = [{ label: also.title, value: also.id }];
      // the other page's first sentence, so that « who maintains » is said beside « where to report »
      const other = answerEntry(
        engine,
        { ...turn, conversation: { ...turn.conversation }, preface: [] },
        also,
        d.seeAlso?.score ?? d.hit.score,
      );
      const gist = passagesOf(other.messages[0]?.blocks.slice(1) ?? [])[0];
      turn.conversation.pending = { kind: 'choices', options };
      return { ...answered, messages: [...answered.messages, say(gist ? T.seeAlsoGist(gist) : T.seeAlso, options)] };
    }
    if (d.kind === 'clarify') {
      const options = d.options.map((h) => ({ label: engine.entry(h.id)!.title, value: h.id }));
      turn.conversation.pending = { kind: 'choices', options };
      const lead = d.vague ? T.ambiguous : `${T.dontKnow} ${T.didYouMean}`;
      return result('fallback.suggest', [say(lead, options), say(`${T.pickNumber} ${human(engine, turn)}`)], null, d.score);
    }
    return result('fallback', [say(`${d.known ? T.dontKnow : T.outOfScope} ${human(engine, turn)}`)], null, d.score);
  });
}
