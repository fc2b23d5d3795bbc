import { blocksToText } from '../knowledge/answer.js';
import type { OutgoingMessage, TurnResult } from './types.js';

/** One message as plain text: its blocks, then its choices as a numbered list. */
export function messageToText(m: OutgoingMessage): string {
  const choices = m.choices?.length ? '\n' + m.choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n') : '';
  return blocksToText(m.blocks) + choices;
}

/** The whole reply as the console and `batch` show it: messages joined by a blank line. */
export function replyText(r: TurnResult): string {
  return r.messages.map(messageToText).join('\n\n');
}
