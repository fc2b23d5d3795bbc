import { blocksToText } from '../shared/text.js';
import type { Niveau } from '../shared/types.js';
import { decide, type Decision } from './decide.js';
import type { Engine } from './engine.js';

/** One ranked entry as the operators' page shows it. */
export interface Candidate {
  id: string;
  title: string;
  /** Search and classifier together: what the decision reads. */
  score: number;
  /** The search alone (absent when the search did not find the entry). */
  search?: number;
}

/** How the engine read a question and what it decided, in words a maintainer can act on. */
export interface Explanation {
  normalized: string;
  terms: string[];
  /** Terms the pack never uses. */
  unknown: string[];
  niveau?: Niveau;
  departement?: string;
  outOfScope: number;
  candidates: Candidate[];
  decision: Decision['kind'];
  /** The entry answered, with its text for this profile. */
  chosen?: { id: string; title: string; text: string };
  /** The entries a menu would offer. */
  offered: string[];
  /** Why, in French: thresholds and scores compared. */
  reasons: string[];
}

const n2 = (x: number) => x.toFixed(2).replace('.', ',');

/**
 * Replays the ranked search on a question, read-only: the analysis, the
 * candidates with their scores, the decision and the reasons for it, compared
 * with the thresholds of `settings`. (Steps before the search, such as small
 * talk or a guided flow, may answer a real message first.)
 */
export function explainQuestion(engine: Engine, text: string, profile: { niveau?: Niveau; departement?: string } = {}): Explanation {
  const a = engine.analyzer.analyze(text);
  const ranking = engine.rank(a);
  const d = decide(ranking, a, engine, engine.settings);
  const s = engine.settings;
  const search = new Map(ranking.index.map((h) => [h.id, h.score]));
  const title = (id: string) => engine.entry(id)?.title ?? id;
  const candidates = ranking.hits.slice(0, 8).map((h) => ({ id: h.id, title: title(h.id), score: h.score, search: search.get(h.id) }));
  const unknown = a.terms.filter((t) => !engine.knows(t));
  const reasons: string[] = [];
  const [top, second] = ranking.hits;
  let chosen: Explanation['chosen'];
  if (d.kind === 'answer') {
    const e = engine.entry(d.hit.id);
    if (d.hit.score >= s.answerThreshold)
      reasons.push(
        `« ${title(d.hit.id)} » a le meilleur score (${n2(d.hit.score)}), au-dessus du seuil de réponse (${n2(s.answerThreshold)}).`,
      );
    else
      reasons.push(
        `« ${title(d.hit.id)} » (${n2(d.hit.score)}) est sous le seuil de réponse (${n2(s.answerThreshold)}) mais gagne nettement : au moins ${n2(s.clearWinThreshold)} et ${n2(d.hit.score - (second?.score ?? 0))} d’avance sur la suivante (marge demandée ${n2(s.clearWinMargin)}).`,
      );
    if (e) {
      const niveau = a.niveau ?? profile.niveau;
      const departement = a.departement ?? profile.departement;
      chosen = { id: e.id, title: e.title, text: blocksToText(engine.answers.build(e, { niveau, departement }).blocks) };
    }
  } else if (d.kind === 'clarify') {
    if (d.vague)
      reasons.push(
        `Un seul mot porteur de sens, que plusieurs fiches partagent presque à égalité (écart sous ${n2(s.ambiguityMargin)}) : l’assistant demande laquelle.`,
      );
    else
      reasons.push(
        `Meilleur score ${n2(d.score)}, sous le seuil de réponse (${n2(s.answerThreshold)}) sans avance nette : les fiches à partir de ${n2(s.suggestThreshold)} sont proposées (« Vouliez-vous dire »).`,
      );
  } else if (!d.known && ranking.outOfScope >= s.outOfScopeThreshold && ranking.outOfScope > (top?.score ?? 0)) {
    reasons.push(
      `Le classifieur juge la question hors du périmètre du guide (probabilité ${n2(ranking.outOfScope)}, seuil ${n2(s.outOfScopeThreshold)}) : réponse « je ne sais pas », avec la personne à contacter.`,
    );
  } else if (unknown.length && !d.known) {
    reasons.push(`La plupart des mots sont inconnus du guide (${unknown.join(', ')}) : ni réponse ni suggestion.`);
  } else {
    reasons.push(
      `Aucune fiche n’atteint le seuil de suggestion (${n2(s.suggestThreshold)}) ; meilleur score ${n2(d.score)} : réponse « je ne sais pas », avec la personne à contacter.`,
    );
  }
  if (unknown.length && d.kind !== 'fallback') reasons.push(`Mots inconnus du guide, sans effet : ${unknown.join(', ')}.`);
  return {
    normalized: a.normalized,
    terms: a.terms,
    unknown,
    niveau: a.niveau,
    departement: a.departement,
    outOfScope: ranking.outOfScope,
    candidates,
    decision: d.kind,
    chosen,
    offered: d.kind === 'clarify' ? d.options.map((o) => o.id) : [],
    reasons,
  };
}
