import type { Analysis } from '../nlu/analyzer.js';
import type { ConversationState, PersonRecord } from '../state/people.js';
import type { Block, Choice, IncomingMessage, OutgoingMessage, TurnResult } from '../shared/types.js';

/** Everything a handler needs for one message; handlers change `person` and `conversation` in place. */
export interface Turn {
  message: IncomingMessage;
  /** The text once cleaned (control characters out, cut to the length limit). */
  text: string;
  analysis: Analysis;
  person: PersonRecord;
  conversation: ConversationState;
  now: Date;
  /** Messages said before the handler's own (a note on a cut message, a profile acknowledgement). */
  preface: OutgoingMessage[];
  /** Set by the privacy handler when the person asked to be forgotten: nothing is written back. */
  forget?: boolean;
  /** The entry last answered in this conversation (kept in memory for a short while), for follow-ups. */
  lastTopic?: string;
  /** The message only told who the person is (« je suis RUPN en lycée »): acknowledge, answer nothing. */
  profileOnly?: boolean;
}

/** A handler answers the turn, or passes (undefined) to the next one. */
export type Handler = (turn: Turn) => Promise<TurnResult | undefined> | TurnResult | undefined;

export function result(intent: string, messages: OutgoingMessage[], topic: string | null = null, confidence = 1): TurnResult {
  return { intent, topic, confidence: Math.max(0, Math.min(1, Number(confidence.toFixed(3)))), messages };
}
