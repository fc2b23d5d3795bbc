import type { Logger } from '../../shared/logger.js';
import type { ActivityCounter, FlowEvent, Outcome } from '../../state/activity.js';
import type { Step } from '../turn.js';

/** How a turn's intent reads for the operators: a menu, « je ne sais pas » (or a failure), or an answer. */
export function outcomeOf(intent: string): Outcome {
  if (intent === 'fallback.suggest' || intent === 'kb.clarify') return 'menu';
  if (intent === 'fallback' || intent === 'error.internal') return 'notUnderstood';
  return 'answered';
}

/**
 * After the turn, counts it for the operators' page: its outcome, its
 * platform, the entry served, and the guided flow started, finished or left
 * (cancelled, switched for another, forgotten). Counts only; a failed write
 * never spoils the answer.
 */
export function activity(counter: ActivityCounter, log: Logger): Step {
  return async (turn, next) => {
    const before = turn.conversation.flow?.flowId;
    await next();
    const r = turn.result;
    if (!r) return;
    const after = turn.forget ? undefined : turn.conversation.flow?.flowId;
    const flows: { id: string; event: FlowEvent }[] = [];
    const doneId = before ?? after;
    if (r.intent === 'flow.done' && doneId) flows.push({ id: doneId, event: 'finished' });
    else if (before && before !== after) flows.push({ id: before, event: 'abandoned' });
    if (r.intent === 'flow.start' && after) flows.push({ id: after, event: 'started' });
    try {
      await counter.count(turn.now, { outcome: outcomeOf(r.intent), platform: turn.message.platform, topic: r.topic, flows });
    } catch (err) {
      log.warn('activity.count_failed', { err: err as Error, hint: 'tour non compté (stockage indisponible) ; la réponse est partie' });
    }
  };
}
