import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { SCHEDULE, type Rooms } from '../../src/schedule/audience.js';
import { FeedReader } from '../../src/schedule/feed.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { createLogger } from '../../src/shared/logger.js';
import { messageToText } from '../../src/shared/text.js';
import type { Adapter, OutgoingMessage } from '../../src/shared/types.js';
import { memoryStore } from '../../src/state/store.js';

const kb = loadKnowledge(path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'bordeaux'));
const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>DANE</title><id>urn:dane</id><updated>2026-09-04T10:00:00Z</updated>
<entry><title>Nouveau parcours Pix Orga &amp; CRCN</title><id>urn:1</id><link href="https://dane.example/pix"/><updated>2026-09-04T10:00:00Z</updated><summary>Un &lt;b&gt;parcours&lt;/b&gt; pour les 3e.</summary></entry>
</feed>`;

let mode: 'ok' | 'garbage' | 'hang' | 'huge' = 'ok';
let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    if (mode === 'ok') res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM);
    else if (mode === 'garbage') res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Erreur 500 du CMS</body></html>');
    else if (mode === 'huge') res.writeHead(200).end('<rss>' + 'x'.repeat(300_000));
    // 'hang': never answers
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);

/** A console-like adapter that keeps what it is sent. */
function recorder(): Adapter & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    name: 'slack',
    sent,
    start: async () => {},
    stop: async () => {},
    send: async (_a, m) => {
      sent.push(m);
      return { status: 'delivered' };
    },
  };
}

describe('the digest’s news feed', () => {
  it('reads an Atom feed; then, timing out or returning garbage, keeps the last good copy; the error is logged once', async () => {
    const store = memoryStore();
    const logs: string[] = [];
    let t = Date.parse('2026-09-07T05:00:00Z');
    const feed = new FeedReader(
      url,
      store,
      createLogger('info', 'rupn', (l) => logs.push(l)),
      { timeoutMs: 300, maxBytes: 100_000, freshMs: 0, now: () => new Date(t) },
    );
    mode = 'ok';
    expect(await feed.items()).toEqual([
      {
        date: '2026-09-04',
        title: 'Nouveau parcours Pix Orga & CRCN',
        summary: 'Un parcours pour les 3e.',
        link: 'https://dane.example/pix',
      },
    ]);
    for (const m of ['hang', 'garbage', 'huge'] as const) {
      mode = m;
      t += 60e3;
      expect((await feed.items()).map((i) => i.title)).toEqual(['Nouveau parcours Pix Orga & CRCN']);
    }
    expect(logs.filter((l) => l.includes('feed.unavailable'))).toHaveLength(1);
  });

  it('a feed down from the start: the digest still goes out, without news, and the error is logged once', async () => {
    const store = memoryStore();
    const logs: string[] = [];
    const log = createLogger('info', 'rupn', (l) => logs.push(l));
    mode = 'garbage';
    let t = Date.parse('2026-09-07T06:00:00Z');
    const feed = new FeedReader(url, store, log, { freshMs: 0, now: () => new Date(t) });
    const rooms: Rooms = {
      c: {
        platform: 'slack',
        address: { kind: 'room', workspace: 'T', room: 'C1' },
        topics: ['digest'],
        niveau: 'college',
        by: 'A',
        since: '2026-06-01',
      },
      l: {
        platform: 'slack',
        address: { kind: 'room', workspace: 'T', room: 'C2' },
        topics: ['digest'],
        niveau: 'lycee',
        by: 'A',
        since: '2026-06-01',
      },
    };
    await store.write(SCHEDULE, 'rooms', rooms);
    const out = recorder();
    const s = new Scheduler({ kb, store, adapters: [out], now: () => new Date(t), feed: () => feed.items(), logger: log });
    await s.run(['digest']);
    t += 7 * 864e5; // the next Monday: still down
    await s.run(['digest']);
    expect(out.sent).toHaveLength(4);
    const text = messageToText(out.sent[0]);
    expect(text).toContain('Le digest des RUPN (collèges)');
    expect(text).not.toContain('Nouveau parcours');
    expect(logs.filter((l) => l.includes('feed.unavailable'))).toHaveLength(1);
  });
});
