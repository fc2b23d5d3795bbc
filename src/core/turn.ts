import type { Analysis } from '../nlu/analyzer.js';
import type { ConversationState, PersonRecord } from '../state/people.js';
import type { IncomingMessage, OutgoingMessage, TurnResult } from '../shared/types.js';
import type { Middleware } from './composer.js';

/** Everything the steps of a turn share; steps change `person` and `conversation` in place. */
export interface Turn {
  readonly message: IncomingMessage;
  /** The person's key in the store (`platform:workspace:user`). */
  readonly key: string;
  readonly now: Date;
  /** The text once cleaned (control characters, markup and mentions out, cut to the length limit). */
  text: string;
  /** What the recognisers read: normalised text, terms, entities, how the message is put. */
  analysis: Analysis;
  person: PersonRecord;
  conversation: ConversationState;
  /** Messages said before the answer (a note on a cut message, a profile acknowledgement). */
  preface: OutgoingMessage[];
  /** The entry last answered in this conversation (kept for a short while), for follow-ups. */
  lastTopic?: string;
  /** The département that answer was for, when the message named it (« le coordo en Gironde » then « et son mail ? »). */
  lastDepartement?: string;
  /** Set when the person asked to be forgotten: nothing is written back, everything is erased. */
  forget?: boolean;
  /** The message only told who the person is (« je suis RUPN en lycée »): acknowledge, answer nothing. */
  profileOnly?: boolean;
  /** The answer, set by the step that answers. */
  result?: TurnResult;
}

/** One step of the turn. */
export type Step = Middleware<Turn>;

/** A step that answers when `handler` returns a result, and passes the turn on otherwise. */
export function answering(handler: (turn: Turn) => TurnResult | undefined | Promise<TurnResult | undefined>): Step {
  return async (turn, next) => {
    const r = await handler(turn);
    if (r) turn.result = r;
    else await next();
  };
}

export function result(intent: string, messages: OutgoingMessage[], topic: string | null = null, confidence = 1): TurnResult {
  return { intent, topic, confidence: Math.max(0, Math.min(1, Number(confidence.toFixed(3)))), messages };
}
