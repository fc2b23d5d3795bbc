import type { Hit } from '../knowledge/search.js';
import type { Analysis } from '../nlu/analyzer.js';
import { STOPWORDS } from '../nlu/normalize.js';
import type { Settings } from './settings.js';

/** Entries ranked for a message: by search and classifier together (`hits`), by the search alone (`index`). */
export interface Ranking {
  hits: Hit[];
  index: Hit[];
  /** The classifier's probability that the message is out of scope (0 without examples). */
  outOfScope: number;
}

/** What the ranked search leads to: answer one entry, offer a few, or say it does not know. */
export type Decision =
  | { kind: 'answer'; hit: Hit; seeAlso?: Hit }
  | { kind: 'clarify'; options: Hit[]; vague: boolean; score: number }
  | { kind: 'fallback'; known: boolean; score: number };

/** What the decision needs to know of the index: how rare a term is, and whether the pack uses it at all. */
export interface TermStats {
  weight(term: string): number;
  knows(term: string): boolean;
  /** The two entries point to each other (`related`): the same subject seen from two sides. */
  linked?(a: string, b: string): boolean;
}

/** Words the person typed that carry meaning (the lexicon's expansions not counted). */
const contentWords = (a: Analysis) => a.tokens.filter((t) => t.length > 2 && !STOPWORDS.has(t)).length;

/**
 * The one place where a ranked list of entries becomes a decision (as Rasa's
 * FallbackClassifier with its threshold and ambiguity threshold): the best
 * entry above the threshold, or a clear winner a little lower, is answered
 * (with its close neighbour as « voir aussi » when the two pages link each other);
 * close runners-up are offered; a message mostly in words the pack never uses
 * gets neither an answer nor a suggestion.
 */
export function decide(ranking: Ranking, analysis: Analysis, stats: TermStats, s: Settings): Decision {
  const { hits, index, outOfScope } = ranking;
  const [top, second] = hits;
  // the classifier has learnt what the guide does not answer (« congé formation », « jours de carence »),
  // unless the guide's own words say otherwise, and say it more surely (« la charte graphique » shares one word with a page)
  const guideWords = index[0]?.score ?? 0;
  if (outOfScope >= s.outOfScopeThreshold && outOfScope > (top?.score ?? 0) && guideWords < Math.max(s.answerThreshold, outOfScope)) {
    return { kind: 'fallback', known: false, score: outOfScope };
  }
  const sum = (terms: string[]) => terms.reduce((acc, t) => acc + stats.weight(t), 0);
  // one vague word (« formation », « ressources ») that several entries share equally: ask which
  const [first, next] = index;
  const distinct = top && top.score - (second?.score ?? 0) >= s.distinctMargin;
  const vague = Boolean(
    first && next && !analysis.question && !distinct && first.score - next.score < s.ambiguityMargin && contentWords(analysis) <= 1,
  );
  // mostly words the guide never uses (« résultats du loto », « stage de yoga »)
  const unknown = analysis.terms.filter((t) => !stats.knows(t));
  const foreign = sum(unknown) >= s.foreignShare * sum(analysis.terms) && unknown.length >= s.foreignShare * analysis.terms.length;
  const clearWin = top && top.score >= s.clearWinThreshold && top.score - (second?.score ?? 0) >= s.clearWinMargin;
  if (top && (top.score >= s.answerThreshold || clearWin) && !vague && !foreign) {
    // two linked pages neck and neck (where to report a failure, who maintains): the other as « voir aussi »
    const twin = second && top.score - second.score < s.seeAlsoMargin && stats.linked?.(top.id, second.id);
    return twin ? { kind: 'answer', hit: top, seeAlso: second } : { kind: 'answer', hit: top };
  }
  // two close pages of one subject (who maintains / who renews the equipment): the first, and the other as « voir aussi »
  const third = hits[2]?.score ?? 0;
  if (
    top &&
    second &&
    top.score >= s.linkedThreshold &&
    // a third page close behind is a real doubt, unless it belongs to the same subject too
    (top.score - third >= s.clearWinMargin || Boolean(hits[2] && stats.linked?.(top.id, hits[2].id))) &&
    !vague &&
    !foreign &&
    stats.linked?.(top.id, second.id)
  )
    return { kind: 'answer', hit: top, seeAlso: second };
  const close = foreign ? [] : hits.filter((h) => h.score >= s.suggestThreshold).slice(0, s.maxSuggestions);
  if (close.length) return { kind: 'clarify', options: close, vague, score: top.score };
  return { kind: 'fallback', known: !foreign && analysis.terms.some((t) => stats.knows(t)), score: top?.score ?? 0 };
}
