import { TCHAP_TEXTS } from './texts.js';
import { mapLinks, messageToText, type Block, type OutgoingMessage } from '../../src/index.js';

/**
 * Core messages → Matrix `m.room.message` content: a plain `body` and an
 * `org.matrix.custom.html` `formatted_body` built only from escaped text and a
 * few fixed tags (h4, p, ul/ol/li, pre/code, a href for bare URLs).
 *
 * Nothing the bot sends may ping anyone:
 * - every message carries `m.mentions: {}`: under intentional mentions (Matrix
 *   1.7) it mentions nobody, and servers then skip the legacy rules that
 *   matched `@room` or a name in the body;
 * - for older servers and clients, `@room` is also broken with a WORD JOINER
 *   (U+2060), invisible when read, so no body-matching rule fires on it.
 */

export interface MessageContent {
  msgtype: 'm.notice' | 'm.text';
  body: string;
  format: 'org.matrix.custom.html';
  formatted_body: string;
  'm.mentions': Record<string, never>;
}

const WORD_JOINER = '\u2060';

/** `@room` → `@⁠room`: looks the same, notifies nobody. */
export const defuseRoomMention = (s: string) => s.replace(/@(room)\b/gi, `@${WORD_JOINER}$1`);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escapes text and turns bare http(s) URLs into links; everything else stays text. */
export function linkify(text: string): string {
  return mapLinks(text, escapeHtml, (url) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
}

const inline = (s: string) => linkify(defuseRoomMention(s)).replace(/\n/g, '<br>');

function blockHtml(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `<h4>${inline(b.text)}</h4>`;
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'code':
      return `<pre><code>${escapeHtml(defuseRoomMention(b.text))}</code></pre>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((it) => `<li>${inline(it)}</li>`).join('')}</${tag}>`;
    }
  }
}

/** One core message as Matrix content; choices become a numbered list answered by its number. */
export function renderMessage(m: OutgoingMessage, msgtype: MessageContent['msgtype'] = 'm.notice'): MessageContent {
  const choices = m.choices ?? [];
  let body = messageToText(m);
  let html = m.blocks.map(blockHtml).join('');
  if (choices.length) {
    body += `\n${TCHAP_TEXTS.choiceHint}`;
    html += `<ol>${choices.map((c) => `<li>${inline(c.label)}</li>`).join('')}</ol><p><em>${escapeHtml(TCHAP_TEXTS.choiceHint)}</em></p>`;
  }
  return { msgtype, body: defuseRoomMention(body), format: 'org.matrix.custom.html', formatted_body: html, 'm.mentions': {} };
}

/** A one-paragraph notice (rate limit, encryption, errors). */
export function renderNotice(text: string): MessageContent {
  return renderMessage({ blocks: [{ type: 'paragraph', text }] });
}

/** The pipeline's render: one core message is one Matrix event, whatever it answers. */
export const renderTchap = (m: OutgoingMessage): MessageContent[] => [renderMessage(m)];
