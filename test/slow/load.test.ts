import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { replyText } from '../../src/shared/text.js';
import { PEOPLE, type PersonRecord } from '../../src/state/people.js';
import { openStore, type StateStore } from '../../src/state/store.js';
import { hasRedis, startRedis } from '../helpers/redis.js';

const NOW = new Date('2026-11-29T10:00:00Z');
const PEOPLE_COUNT = Number(process.env.RUPN_LOAD_PEOPLE ?? 1000);

/** Each person's conversation: a profile, a question, a flow with answers only they give, then their data. */
const script = (id: string, lycee: boolean) => [
  `je suis RUPN dans un ${lycee ? 'lycée' : 'collège'} des Landes`,
  'qui est mon coordo ?',
  'je voudrais faire une demande de FIL',
  `Collège ${id}`,
  `Formation ${id}`,
  'mes données',
];

/** A small seeded generator, so that a failing interleaving can be replayed. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

async function load(store: StateStore, label: string): Promise<void> {
  const a = createAssistant(store, { now: () => NOW });
  const ids = Array.from({ length: PEOPLE_COUNT }, (_, i) => `P${String(i).padStart(4, '0')}x`);
  const left = ids.map((id, i) => script(id, i % 2 === 1));
  const replies: string[][] = ids.map(() => []);
  const random = prng(42);
  const running: Promise<void>[] = [];
  const t0 = performance.now();
  // every turn is sent at once, people interleaved at random, each person's turns in their order
  let remaining = left.reduce((n, s) => n + s.length, 0);
  const total = remaining;
  while (remaining) {
    const i = Math.floor(random() * ids.length);
    const text = left[i].shift();
    if (text === undefined) continue;
    remaining--;
    const k = replies[i].length;
    replies[i].push('');
    running.push(
      a.handle({ platform: 'load', workspace: 'w', user: ids[i], conversation: 'c', text }).then((r) => {
        replies[i][k] = replyText(r);
      }),
    );
  }
  await Promise.all(running);
  const ms = performance.now() - t0;
  console.log(
    `charge ${label} : ${PEOPLE_COUNT} personnes, ${total} tours en ${(ms / 1000).toFixed(1)} s, ${Math.round((total / ms) * 1000)} tours/s`,
  );

  for (const [i, id] of ids.entries()) {
    const r = replies[i];
    // no reply crosses people
    for (const text of r) for (const m of text.match(/P\d{4}x/g) ?? []) expect(m).toBe(id);
    // in order: the flow asked for the school, then the title, and « mes données » has both in their places
    expect(r[3]).toMatch(/intitulé/i);
    expect(r[5]).toContain(`Établissement : Collège ${id}`);
    expect(r[5]).toContain(`Intitulé : Formation ${id}`);
    expect(r[1]).toContain('LOCHET');
    // nothing lost
    const stored = await store.read<PersonRecord>(PEOPLE, `load:w:${id}`);
    expect(stored?.profile).toEqual({ niveau: i % 2 ? 'lycee' : 'college', departement: '40' });
    expect(stored?.conversations.c?.flow?.slots).toMatchObject({ etablissement: `Collège ${id}`, intitule: `Formation ${id}` });
  }
}

describe('load: 1,000 people at once through the core', () => {
  it('on SQLite', async () => {
    const store = await openStore(`sqlite://${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-load-')), 'rupn.sqlite')}`);
    await load(store, 'SQLite');
    await store.close();
  }, 240000);

  describe.runIf(hasRedis)('on Redis', () => {
    let redis: Awaited<ReturnType<typeof startRedis>>;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await redis?.stop();
    });
    it('on a real Redis', async () => {
      const store = await openStore(redis.url);
      await load(store, 'Redis');
      await store.close();
    }, 240000);
  });
});
