/**
 * The one rule for bare links in the bot's text, shared by every renderer: a
 * link is an http(s) URL running to a space, a quote, an angle bracket or a
 * `|`, without the punctuation that ends the sentence around it.
 */

/** A piece of text: plain words, or a bare http(s) URL to draw as a link. */
export type LinkSegment = { kind: 'text'; text: string } | { kind: 'url'; text: string };

// `|` ends a URL too: in Slack's `<url|label>` it would start a forged label.
const URL_RE = /\bhttps?:\/\/[^\s<>"|]+/g;

/** Punctuation that closes the sentence rather than the URL: `.,;:!?)]»"'’`. */
export const URL_TRAILING_PUNCTUATION = /[.,;:!?)\]»"'’]+$/;

/** Splits text into plain and URL segments, in order; joined back they give the text unchanged. */
export function splitLinks(text: string): LinkSegment[] {
  const out: LinkSegment[] = [];
  let last = 0;
  const pushText = (s: string) => {
    if (!s) return;
    const prev = out[out.length - 1];
    if (prev?.kind === 'text') prev.text += s;
    else out.push({ kind: 'text', text: s });
  };
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(URL_TRAILING_PUNCTUATION, '');
    // `https://` and nothing after it is not a link.
    if (/^https?:\/\/$/.test(url)) continue;
    pushText(text.slice(last, m.index));
    out.push({ kind: 'url', text: url });
    last = m.index + url.length;
  }
  pushText(text.slice(last));
  return out;
}

/** Text drawn segment by segment: `plain` for the words (escaping), `link` for each URL. */
export function mapLinks(text: string, plain: (s: string) => string, link: (url: string) => string): string {
  return splitLinks(text)
    .map((s) => (s.kind === 'url' ? link(s.text) : plain(s.text)))
    .join('');
}
