import type { types as SlackTypes } from '@slack/bolt';
import { mapLinks, messageToText, type Block, type OutgoingMessage } from '../../src/index.js';

type KnownBlock = SlackTypes.KnownBlock;

/** What chat.postMessage and response_url both take: mrkdwn text plus Block Kit blocks. */
export interface SlackPayload {
  /** Notification and fallback text (mrkdwn, escaped). */
  text: string;
  blocks: KnownBlock[];
}

/** Buttons carry this prefix so the adapter routes their clicks back to the core. */
export const CHOICE_ACTION_PREFIX = 'rupn_choice_';

// Slack's documented limits (Block Kit reference).
const SECTION_MAX = 3000;
const HEADER_MAX = 150;
const BUTTON_MAX = 75;
const VALUE_MAX = 2000;
const BUTTONS_MAX = 25;
const BLOCKS_MAX = 50;
const FALLBACK_MAX = 3000;

/**
 * Makes text inert for Slack: `&`, `<`, `>` become entities, so `<!channel>`
 * or `<@U123>` typed by a person never turns into a ping. A word joiner after
 * the `@` of @channel/@here/@everyone keeps clients that parse bare broadcast
 * words from notifying anyone.
 */
export function escapeSlack(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(^|[^\w./@-])@(channel|here|everyone)\b/gi, '$1@\u2060$2');
}

/** Escaped mrkdwn for a line of text from the core, bare URLs wrapped as `<https://…>` so they stay clickable whatever the mrkdwn around them. */
export const mrkdwn = (text: string) => mapLinks(text, escapeSlack, (url) => `<${escapeSlack(url)}>`);

/** Cuts escaped text to `max` characters without splitting an entity, ending with `…` when cut. */
export function truncateEscaped(raw: string, max: number): string {
  const full = escapeSlack(raw);
  if (full.length <= max) return full;
  let out = '';
  for (const ch of raw) {
    const next = out + escapeSlack(ch);
    if (next.length > max - 1) break;
    out = next;
  }
  return out + '…';
}

/** Splits long text on line breaks or spaces so each piece fits a section block. */
function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest) out.push(rest);
  return out;
}

function section(text: string): KnownBlock[] {
  // verbatim: Slack must not link channel names or parse mentions on its own; URLs are already wrapped.
  return chunks(text, SECTION_MAX).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t, verbatim: true } }));
}

/** The mrkdwn of one core block. */
export function blockMrkdwn(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `*${mrkdwn(b.text)}*`;
    case 'paragraph':
      return mrkdwn(b.text);
    case 'code':
      // No links inside code: Slack shows the text as is.
      return '```' + escapeSlack(b.text) + '```';
    case 'list':
      return b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '•'} ${mrkdwn(it)}`).join('\n');
  }
}

function toBlocks(b: Block): KnownBlock[] {
  if (b.type === 'heading') {
    // Header blocks are plain text and short: a long heading becomes a bold section instead.
    if (escapeSlack(b.text).length <= HEADER_MAX)
      return [{ type: 'header', text: { type: 'plain_text', text: escapeSlack(b.text), emoji: true } }];
  }
  return section(blockMrkdwn(b));
}

function choiceBlock(msg: OutgoingMessage): KnownBlock | undefined {
  const choices = (msg.choices ?? []).slice(0, BUTTONS_MAX);
  if (!choices.length) return undefined;
  return {
    type: 'actions',
    elements: choices.map((c, i) => ({
      type: 'button',
      action_id: `${CHOICE_ACTION_PREFIX}${i + 1}`,
      text: { type: 'plain_text', text: truncateEscaped(c.label, BUTTON_MAX), emoji: true },
      value: c.value.slice(0, VALUE_MAX),
    })),
  };
}

/** Plain-text fallback: what notifications and clients without Block Kit show. */
export function fallbackText(msg: OutgoingMessage): string {
  const text = mrkdwn(messageToText(msg));
  return text.length <= FALLBACK_MAX ? text : truncateEscaped(messageToText(msg), FALLBACK_MAX);
}

/** One core message as a Slack payload: header and section blocks, then the choices as buttons. */
export function toSlackPayload(msg: OutgoingMessage): SlackPayload {
  const actions = choiceBlock(msg);
  const body = msg.blocks.flatMap(toBlocks).slice(0, BLOCKS_MAX - (actions ? 1 : 0));
  return { text: fallbackText(msg), blocks: actions ? [...body, actions] : body };
}

/** The pipeline's render: one core message is one Slack message, whatever it answers. */
export const renderSlack = (msg: OutgoingMessage): SlackPayload[] => [toSlackPayload(msg)];
