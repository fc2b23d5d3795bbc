import { STOPWORDS, normalize } from '../../nlu/normalize.js';
import type { Logger } from '../../shared/logger.js';
import { scrub } from '../../shared/scrub.js';
import { recordGap, type GapKind } from '../../state/gaps.js';
import type { StateStore } from '../../state/store.js';
import { decide } from '../decide.js';
import type { Engine } from '../engine.js';
import type { Step, Turn } from '../turn.js';

/** Below this score the best entry is not « near » the question: it is recorded with none. */
export const NEAREST_FLOOR = 0.1;

/** What the turn's answer says of the question: a menu, « je ne sais pas », or « hors sujet ». */
function kindOf(engine: Engine, turn: Turn): GapKind | undefined {
  const intent = turn.result?.intent;
  if (intent === 'fallback.suggest') return 'menu';
  if (intent !== 'fallback') return undefined;
  const d = decide(engine.rank(turn.analysis), turn.analysis, engine.index, engine.settings);
  return d.kind === 'fallback' && !d.known ? 'out-of-scope' : 'fallback';
}

/**
 * After the turn, a question that got a « Vouliez-vous dire » menu or a « je
 * ne sais pas » is recorded for the DANE (`npm run -s kb:gaps`): scrubbed,
 * with its nearest entry and the niveau when known, never who asked or where.
 * Off with `RUPN_RECORD_UNANSWERED=false`; a failed write never spoils the answer.
 */
export function gaps(engine: Engine, store: StateStore, log: Logger): Step {
  // a word the guide uses (ENT, Pix, Gironde) is not a person's or a school's name
  const known = (word: string) => {
    const a = engine.analyzer.analyze(word);
    return STOPWORDS.has(normalize(word)) || Boolean(a.departement) || a.terms.some((t) => engine.index.knows(t));
  };
  return async (turn, next) => {
    await next();
    if (!engine.settings.recordUnanswered || turn.forget || !turn.analysis.terms.length) return;
    const kind = kindOf(engine, turn);
    if (!kind) return;
    const text = scrub(turn.text, known);
    // out of scope, the best entry is only the least far: no entry is near
    const best = kind === 'out-of-scope' ? undefined : engine.rank(turn.analysis).hits[0];
    const nearest = best && best.score >= NEAREST_FLOOR && engine.entry(best.id) ? best.id : null;
    const niveau = turn.analysis.niveau ?? turn.person.profile.niveau;
    try {
      await recordGap(store, turn.now, { text, nearest, kind, ...(niveau ? { niveau } : {}) });
    } catch (err) {
      log.warn('gaps.record_failed', {
        err: err as Error,
        hint: 'question sans réponse non enregistrée (stockage indisponible) ; la réponse est partie',
      });
    }
  };
}
