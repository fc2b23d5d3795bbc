import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../adapters/slack/index.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { SCHEDULE, type Rooms } from '../../src/schedule/audience.js';
import { deliver } from '../../src/schedule/deliver.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { silentLogger } from '../../src/shared/logger.js';
import { say } from '../../src/shared/text.js';
import type { Adapter, SendResult } from '../../src/shared/types.js';
import { openStore } from '../../src/state/store.js';
import { testAssistant } from '../helpers/assistant.js';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { hasRedis, startRedis } from '../helpers/redis.js';

const kb = loadKnowledge(path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'bordeaux'));

/** An adapter that answers a script of results and counts its calls. */
function scripted(results: SendResult[]): Adapter & { calls: number } {
  const a = {
    name: 'slack',
    calls: 0,
    start: async () => {},
    stop: async () => {},
    send: async () => results[Math.min(a.calls++, results.length - 1)],
  };
  return a;
}

describe('delivery', () => {
  it('honours Retry-After, backs off, and gives up after the last attempt, leaving it to the next run', async () => {
    const sleeps: number[] = [];
    const opts = { sleep: async (ms: number) => void sleeps.push(ms), maxAttempts: 4, maxWaitMs: 60e3 };
    const limited = scripted([{ status: 'retry', afterSeconds: 7, reason: 'rate' }, { status: 'delivered' }]);
    expect(await deliver(limited, { kind: 'room', workspace: 'T', room: 'C' }, say('x'), opts)).toEqual({
      status: 'delivered',
      attempts: 2,
    });
    expect(sleeps).toEqual([7000]);
    sleeps.length = 0;
    const down = scripted([{ status: 'retry', afterSeconds: 0, reason: 'réseau' }]);
    expect(await deliver(down, { kind: 'room', workspace: 'T', room: 'C' }, say('x'), opts)).toEqual({
      status: 'retry',
      attempts: 4,
      reason: 'réseau',
    });
    expect(sleeps).toEqual([1000, 2000, 4000]);
    const refused = scripted([{ status: 'refused', reason: 'not_in_channel' }]);
    expect(await deliver(refused, { kind: 'room', workspace: 'T', room: 'C' }, say('x'), opts)).toMatchObject({
      status: 'refused',
      attempts: 1,
    });
    expect(refused.calls).toBe(1);
  });
});

describe.runIf(hasRedis)('several instances on one redis-server', () => {
  let fake: FakeSlack;
  let slack: SlackAdapter;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis();
    fake = await startFakeSlack();
    slack = new SlackAdapter(
      { mode: 'http', botToken: 'xoxb-test', signingSecret: 'x'.repeat(32), port: 0 },
      testAssistant(),
      silentLogger,
      { apiUrl: fake.apiUrl, host: '127.0.0.1' },
    );
    await slack.start();
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
    await redis?.stop();
  });

  it('two schedulers running the same slots at the same time send each reminder once', async () => {
    const a = await openStore(redis.url);
    const b = await openStore(redis.url);
    const channels = Array.from({ length: 40 }, (_, i) => `CR${i}`);
    const rooms: Rooms = Object.fromEntries(
      channels.map((ch) => [
        ch,
        {
          platform: 'slack',
          address: { kind: 'room' as const, workspace: FAKE_BOT.teamId, room: ch },
          topics: ['gar', 'digest'],
          niveau: 'college' as const,
          by: 'UADMIN',
          since: '2026-06-01',
        },
      ]),
    );
    await a.write(SCHEDULE, 'rooms', rooms);
    let t = Date.parse('2026-08-31T05:00:00Z');
    const now = () => new Date(t);
    const one = new Scheduler({ kb, store: a, adapters: [slack], now });
    const two = new Scheduler({ kb, store: b, adapters: [slack], now });
    for (; t < Date.parse('2026-09-03T12:00:00Z'); t += 3600e3) await Promise.all([one.run(), two.run()]);
    for (const ch of channels) {
      const titles = fake
        .replies()
        .filter((c) => c.args.channel === ch)
        .map((c) => String(c.args.text).split('\n')[0]);
      expect(titles).toEqual([
        'Le digest des RUPN (collèges), semaine du lundi 31 août',
        'GAR, étape 1 : les responsables d’affectation',
        'GAR, étape 2 : les abonnements',
      ]);
    }
    await a.close();
    await b.close();
  }, 60_000);
});
