import { ActionRowBuilder, ButtonBuilder, ButtonStyle, escapeMarkdown, type MessageMentionOptions } from 'discord.js';
import { choiceCustomId, type DiscordReply } from './map.js';
import { mapLinks, type Block, type Choice, type OutgoingMessage } from '../../src/index.js';

/** Discord's limit on a message's content. */
export const MAX_CONTENT = 2000;
const BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;
const LABEL_MAX = 80;

/** No @everyone, role or user ping, whatever the text holds; set on every send. */
export const noMentions = (): MessageMentionOptions => ({ parse: [], repliedUser: false });

/** One Discord message: fits `send`, `reply`, `editReply` and `followUp`. */
export interface DiscordPayload {
  content?: string;
  components: ActionRowBuilder<ButtonBuilder>[];
  allowedMentions: MessageMentionOptions;
}

/** Reply text made inert: markdown escaped (lists, headings, quotes too), URLs kept clickable as `<url>` so no embed unfolds. */
export function formatText(text: string): string {
  return mapLinks(text, escapeText, (url) => `<${url}>`);
}

function escapeText(s: string): string {
  if (!s) return s;
  const escaped = escapeMarkdown(s, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  // escapeMarkdown leaves block quotes and `-#` subtext alone.
  return escaped.replace(/^(\s*)(>|-#)/gm, '$1\\$2');
}

/** A block in Discord markdown: headings as bold lines, lists kept readable, code fenced. */
export function blockToMarkdown(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `**${formatText(b.text)}**`;
    case 'paragraph':
      return formatText(b.text);
    case 'list':
      return b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '-'} ${formatText(it)}`).join('\n');
    case 'code':
      return '```\n' + b.text.replaceAll('```', '`\u200b``') + '\n```';
  }
}

/** Cuts text into pieces of at most `max` characters, at blank lines, then lines, then spaces. */
export function splitContent(text: string, max = MAX_CONTENT, seps = ['\n\n', '\n', ' ']): string[] {
  if (text.length <= max) return text ? [text] : [];
  const [sep, ...finer] = seps;
  if (sep === undefined) {
    const chars = Array.from(text);
    const out: string[] = [];
    for (let i = 0; i < chars.length; i += max) out.push(chars.slice(i, i + max).join(''));
    return out;
  }
  const out: string[] = [];
  let current = '';
  for (const part of text.split(sep)) {
    const joined = current ? current + sep + part : part;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current) out.push(current);
    const pieces = splitContent(part, max, finer);
    current = pieces.pop() ?? '';
    out.push(...pieces);
  }
  if (current) out.push(current);
  return out;
}

/** Choices as rows of up to five buttons, at most 25 buttons. */
export function choiceRows(choices: Choice[]): ActionRowBuilder<ButtonBuilder>[] {
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  choices.slice(0, BUTTONS_PER_ROW * MAX_ROWS).forEach((c, i) => {
    if (i % BUTTONS_PER_ROW === 0) rows.push(new ActionRowBuilder<ButtonBuilder>());
    const label = (c.label.trim() || c.value.trim() || String(i + 1)).slice(0, LABEL_MAX);
    rows[rows.length - 1].addComponents(
      new ButtonBuilder().setCustomId(choiceCustomId(i, c)).setLabel(label).setStyle(ButtonStyle.Primary),
    );
  });
  return rows;
}

/**
 * One core message as Discord messages: the content split under 2000
 * characters, the buttons on the last one. Choices beyond 25 become a
 * numbered list. `header` (already formatted) goes first.
 */
export function renderMessage(m: OutgoingMessage, header = ''): DiscordPayload[] {
  const choices = m.choices ?? [];
  const overflow = choices.slice(BUTTONS_PER_ROW * MAX_ROWS);
  const parts = [header, ...m.blocks.map(blockToMarkdown)];
  if (overflow.length) parts.push(overflow.map((c, i) => `${BUTTONS_PER_ROW * MAX_ROWS + i + 1}. ${formatText(c.label)}`).join('\n'));
  const chunks = splitContent(parts.filter(Boolean).join('\n\n'));
  const rows = choiceRows(choices);
  if (!chunks.length && !rows.length) return [];
  const payloads: DiscordPayload[] = (chunks.length ? chunks : ['']).map((content) => ({
    ...(content ? { content } : {}),
    components: [],
    allowedMentions: noMentions(),
  }));
  payloads[payloads.length - 1].components = rows;
  return payloads;
}

/** The pipeline's render: an answer to an interaction opens with a quote of what was asked, so a channel sees what it answers. */
export function renderDiscord(m: OutgoingMessage, to?: { reply: DiscordReply; first: boolean }): DiscordPayload[] {
  const quote = to?.first && to.reply.kind !== 'message' ? quoteOf(to.reply.asked) : '';
  return renderMessage(m, quote);
}

/** A short quote of what was asked, so a channel can see which question an interaction answers. */
export function quoteOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line ? `> ${formatText(line.length > 200 ? line.slice(0, 199) + '…' : line)}` : '';
}
