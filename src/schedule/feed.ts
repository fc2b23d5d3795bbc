import { parseFeed } from '@rowanmanning/feed-parser';
import { silentLogger, type Logger } from '../shared/logger.js';
import type { StateStore } from '../state/store.js';
import { SCHEDULE } from './audience.js';
import type { NewsItem } from './news.js';
import { parisDate } from './time.js';

export interface FeedOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** A fetched copy is reused for this long. */
  freshMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

interface SavedFeed {
  url: string;
  fetchedAt: string;
  items: NewsItem[];
}

const KEY = 'feed:last-good';
const stripTags = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The digest's RSS or Atom feed (the DANE's site), read with a timeout and a
 * size limit; the last good copy is kept in the store and used while the feed
 * is down or returns something unreadable. A failure is logged once until
 * the feed works again.
 */
export class FeedReader {
  private cached?: { at: number; items: NewsItem[] };
  private failing = false;

  constructor(
    private readonly url: string,
    private readonly store: StateStore,
    private readonly log: Logger = silentLogger,
    private readonly opts: FeedOptions = {},
  ) {}

  /** The feed's items, or the last good copy (none if it never worked). */
  async items(): Promise<NewsItem[]> {
    const now = (this.opts.now ?? (() => new Date()))();
    if (this.cached && now.getTime() - this.cached.at < (this.opts.freshMs ?? 10 * 60e3)) return this.cached.items;
    try {
      const items = parse(await this.download());
      await this.store.write<SavedFeed>(SCHEDULE, KEY, { url: this.url, fetchedAt: now.toISOString(), items });
      if (this.failing) this.log.info('feed.recovered', { items: items.length });
      this.failing = false;
      this.cached = { at: now.getTime(), items };
      return items;
    } catch (err) {
      if (!this.failing)
        this.log.warn('feed.unavailable', {
          err: err as Error,
          hint: 'flux d’actualités illisible ou injoignable : le digest part avec la dernière copie valide, ou sans actualités',
        });
      this.failing = true;
      const saved = await this.store.read<SavedFeed>(SCHEDULE, KEY).catch(() => undefined);
      const items = saved?.url === this.url ? saved.items : [];
      this.cached = { at: now.getTime(), items };
      return items;
    }
  }

  /** The body, cut off (as an error) past `maxBytes` or `timeoutMs`. */
  private async download(): Promise<string> {
    const maxBytes = this.opts.maxBytes ?? 1_000_000;
    const res = await (this.opts.fetch ?? fetch)(this.url, {
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1' },
    });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new Error(`flux trop gros (plus de ${maxBytes} octets)`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** Dated items with a title; the rest of a feed is ignored. */
function parse(xml: string): NewsItem[] {
  const feed = parseFeed(xml);
  return feed.items
    .map((i) => ({ i, when: i.published ?? i.updated }))
    .filter(({ i, when }) => i.title && when)
    .map(({ i, when }) => ({
      date: parisDate(when!),
      title: stripTags(i.title!),
      summary: i.description ? stripTags(i.description).slice(0, 300) : undefined,
      link: i.url && /^https?:\/\//.test(i.url) ? i.url : undefined,
    }))
    .slice(0, 30);
}
