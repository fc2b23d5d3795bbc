import type { Block, Choice, OutgoingMessage, TurnResult } from './types.js';

const parsed = new Map<string, Block[]>();

/** Parses the small text format of the knowledge files: paragraphs, `- ` and `1. ` lists, `## ` headings. */
export function parseText(text: string): Block[] {
  let cached = parsed.get(text);
  if (!cached) {
    cached = deepFreeze(parse(text));
    if (parsed.size > 2000) parsed.clear();
    parsed.set(text, cached);
  }
  return cached;
}

/** Parsed blocks are shared between answers: frozen, so that no caller changes them for the next one. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function parse(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.trim().split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    let para: string[] = [];
    const flush = () => {
      if (para.length) blocks.push({ type: 'paragraph', text: para.join(' ') });
      para = [];
    };
    for (const line of lines) {
      const bullet = /^[-•*]\s+(.*)$/.exec(line);
      const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
      if (line.startsWith('## ')) {
        flush();
        blocks.push({ type: 'heading', text: line.slice(3) });
      } else if (bullet || numbered) {
        flush();
        const ordered = Boolean(numbered);
        const last = blocks[blocks.length - 1];
        const item = (bullet ?? numbered)![1];
        if (last?.type === 'list' && Boolean(last.ordered) === ordered) last.items.push(item);
        else blocks.push({ type: 'list', items: [item], ordered });
      } else para.push(line);
    }
    flush();
  }
  return blocks;
}

/** Plain text of blocks, as the console and `batch` show them. */
export function blocksToText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
          return b.text;
        case 'paragraph':
        case 'code':
          return b.text;
        case 'list':
          return b.items.map((it, i) => (b.ordered ? `${i + 1}. ${it}` : `- ${it}`)).join('\n');
        default:
          return '';
      }
    })
    .join('\n\n');
}

/** One message as plain text: its blocks, then its choices as a numbered list. */
export function messageToText(m: OutgoingMessage): string {
  const choices = m.choices?.length ? '\n' + m.choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n') : '';
  return blocksToText(m.blocks) + choices;
}

/** The whole reply as the console and `batch` show it: messages joined by a blank line. */
export function replyText(r: TurnResult): string {
  return r.messages.map(messageToText).join('\n\n');
}

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });

/** A message from text in the knowledge files' format (or ready blocks), with its choices. */
export function say(text: string | Block[], choices?: Choice[]): OutgoingMessage {
  const blocks = typeof text === 'string' ? parseText(text) : text;
  return choices?.length ? { blocks, choices } : { blocks };
}
