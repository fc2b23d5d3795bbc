import { mapLinks } from '../shared/links.js';
import type { OutgoingMessage } from '../shared/types.js';
import { escapeHtml } from './charts.js';

const withLinks = (text: string) =>
  mapLinks(text, escapeHtml, (url) => `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(url)}</a>`);

/** A message of the assistant drawn as HTML, as a chat would show it (text escaped, URLs linked, choices listed). */
export function messageHtml(m: OutgoingMessage): string {
  const parts = m.blocks.map((b) => {
    if (b.type === 'heading') return `<p class="fr-text--bold fr-mb-1w">${withLinks(b.text)}</p>`;
    if (b.type === 'list') {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${withLinks(i)}</li>`).join('')}</${tag}>`;
    }
    if (b.type === 'code') return `<pre>${escapeHtml(b.text)}</pre>`;
    return `<p>${withLinks(b.text).replace(/\n/g, '<br>')}</p>`;
  });
  if (m.choices?.length)
    parts.push(
      `<ul class="fr-tags-group">${m.choices.map((c) => `<li><span class="fr-tag">${escapeHtml(c.label)}</span></li>`).join('')}</ul>`,
    );
  return `<div class="rupn-message">${parts.join('')}</div>`;
}
