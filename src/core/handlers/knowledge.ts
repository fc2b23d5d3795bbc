import type { Entry } from '../../knowledge/schema.js';
import { normalize, STOPWORDS } from '../../nlu/normalize.js';
import { ANSWER_THRESHOLD, CLEAR_WIN_MARGIN, CLEAR_WIN_THRESHOLD, SUGGEST_THRESHOLD, type Engine } from '../engine.js';
import { T } from '../texts.js';
import { result, type Handler, type Turn } from '../turn.js';
import { say } from '../../shared/text.js';
import type { TurnResult } from '../../shared/types.js';
import { departementChoices } from './pending.js';

/** Two entries closer than this on a one-word question are a real doubt. */
const AMBIGUITY = 0.05;

const sumWeights = (engine: Engine, terms: string[]) => terms.reduce((s, t) => s + engine.index.weight(t), 0);

/** Words the person typed that carry meaning (the lexicon's expansions not counted). */
function contentWords(turn: Turn): number {
  return turn.analysis.tokens.filter((t) => t.length > 2 && !STOPWORDS.has(t)).length;
}

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

/** « qui est Lionel Delsaux ? »: the département of the coordinator the message names. */
function namedCoordinator(engine: Engine, turn: Turn): string | undefined {
  const text = ` ${turn.analysis.tokens.join(' ')} `;
  return engine.kb.coordonnateurs.find((c) => {
    const last = normalize(c.nom).split(' ').filter((w) => w.length > 2).pop();
    return last && text.includes(` ${last} `);
  })?.departement;
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
  return result('kb.answer', [engine.answers.build(entry, { niveau, departement }, hint)], entry.id, confidence);
}

/** Who to ask when the assistant cannot answer: the person's coordinator when the département is known. */
export function human(engine: Engine, turn: Turn): string {
  const dep = turn.person.profile.departement;
  const c = dep ? engine.kb.coordonnateurs.find((x) => x.departement === dep) : undefined;
  const dane = engine.kb.academie.dane;
  return T.askHuman(c ? T.humanCoordo(c.nom, c.email, dane) : T.humanDefault(dane));
}

/**
 * Ranked recognition over the knowledge base: the best entry above the
 * threshold is answered; close runners-up become « Vouliez-vous dire » choices;
 * nothing close gives a plain « je ne sais pas » and a human to ask.
 */
export function knowledge(engine: Engine): Handler {
  return (turn) => {
    if (turn.profileOnly) return result('profile.update', [], null, 1);
    const direct = engine.entry(turn.text.trim());
    if (direct) return answerEntry(engine, turn, direct, 1);
    // « et pour les Landes ? » right after an answer: the same entry, for that département or niveau
    const previous = turn.analysis.onlyEntities && turn.lastTopic ? engine.entry(turn.lastTopic) : undefined;
    if (previous && !turn.analysis.aboutSelf && dependsOn(previous, turn)) return answerEntry(engine, turn, previous, 0.9);
    // a bare département: what the guide has per département is its coordinator
    const coordinators = engine.kb.entries.find((e) => e.render?.kind === 'coordonnateurs');
    if (turn.analysis.onlyEntities && turn.analysis.departement && !turn.analysis.aboutSelf && coordinators) return answerEntry(engine, turn, coordinators, 0.6);
    const all = engine.search(turn.analysis);
    const hits = all.filter((h) => !h.id.startsWith('flow:'));
    const top = hits[0];
    // a question about what a flow does (« qui appeler pour une panne ? ») gets the entry that leads to it
    const flow = all[0]?.id.startsWith('flow:') ? all[0] : undefined;
    const viaFlow = flow && flow.score >= ANSWER_THRESHOLD && (!top || top.score < ANSWER_THRESHOLD) ? engine.kb.entries.find((e) => `flow:${e.flow}` === flow.id) : undefined;
    if (viaFlow) return answerEntry(engine, turn, viaFlow, flow!.score);
    const second = hits[1];
    // one vague word (« formation », « ressources ») that several entries share equally: ask which
    const vague = top && second && !turn.analysis.question && top.score - second.score < AMBIGUITY && contentWords(turn) <= 1;
    // mostly words the guide never uses (« résultats du loto », « stage de yoga »): neither an answer nor a suggestion
    const unknown = turn.analysis.terms.filter((t) => !engine.index.knows(t));
    const foreign = sumWeights(engine, unknown) >= 0.5 * sumWeights(engine, turn.analysis.terms);
    const clearWin = top && top.score >= CLEAR_WIN_THRESHOLD && top.score - (second?.score ?? 0) >= CLEAR_WIN_MARGIN;
    if (top && (top.score >= ANSWER_THRESHOLD || clearWin) && !vague && !foreign) return answerEntry(engine, turn, engine.entry(top.id)!, top.score);
    const close = foreign ? [] : hits.filter((h) => h.score >= SUGGEST_THRESHOLD).slice(0, 3);
    if (close.length) {
      const options = close.map((h) => ({ label: engine.entry(h.id)!.title, value: h.id }));
      turn.conversation.pending = { kind: 'choices', options };
      const lead = vague ? T.ambiguous : `${T.dontKnow} ${T.didYouMean}`;
      return result('fallback.suggest', [say(lead, options), say(`${T.pickNumber} ${human(engine, turn)}`)], null, top.score);
    }
    const known = !foreign && turn.analysis.terms.some((t) => engine.index.knows(t));
    return result('fallback', [say(`${known ? T.dontKnow : T.outOfScope} ${human(engine, turn)}`)], null, top?.score ?? 0);
  };
}
