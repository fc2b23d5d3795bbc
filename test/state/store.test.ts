import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { memoryStore, openStore, type StateStore } from '../../src/state/store.js';
import { play, sharedEngine } from '../helpers/assistant.js';
import { hasRedis, startRedis } from '../helpers/redis.js';

// CI installs redis-server (.ci/run); elsewhere these tests need it too, and say so.
if (!hasRedis && process.env.CI) throw new Error('redis-server est introuvable : .ci/run doit l’installer');

async function roundTrip(store: StateStore) {
  await store.write('people', 'k', { a: 1 });
  await store.write('other', 'k', { b: 2 });
  expect(await store.read('people', 'k')).toEqual({ a: 1 });
  expect(await store.read('other', 'k')).toEqual({ b: 2 });
  await store.delete('people', 'k');
  expect(await store.read('people', 'k')).toBeUndefined();
  expect(await store.read('other', 'k')).toEqual({ b: 2 });
}

describe('stores', () => {
  it('memory: read, write, delete, namespaces apart', async () => {
    await roundTrip(memoryStore());
  });

  it('a claim is taken once until it expires', async () => {
    const s = memoryStore();
    const wins = await Promise.all([s.claim('events', 'E1', 50), s.claim('events', 'E1', 50)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(await s.claim('events', 'E1', 50)).toBe(true);
  });

  it('sqlite: the same, and data outlives the process’s handle', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-')), 'sub', 'x.sqlite');
    const s = await openStore(`sqlite://${file}`);
    await roundTrip(s);
    await s.close();
    const again = await openStore(`sqlite://${file}`);
    expect(await again.read('other', 'k')).toEqual({ b: 2 });
    await again.close();
  });

  it('refuses an unknown store address with a French message', async () => {
    await expect(openStore('mysql://x')).rejects.toThrow(/RUPN_STORE : adresse de stockage inconnue/);
  });
});

describe.runIf(hasRedis)('redis, shared by several instances', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('reads, writes and deletes', async () => {
    const s = await openStore(redis.url);
    await roundTrip(s);
    await s.close();
  });

  it('a claim is won by exactly one of several instances', async () => {
    const stores = await Promise.all([openStore(redis.url), openStore(redis.url), openStore(redis.url)]);
    const wins = await Promise.all(stores.flatMap((s) => [s.claim('events', 'Ev1', 60000), s.claim('events', 'Ev1', 60000)]));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await stores[0].claim('events', 'Ev2', 60000)).toBe(true);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('two instances answering the same person at the same time lose no update', async () => {
    const [s1, s2] = [await openStore(redis.url), await openStore(redis.url)];
    const [a1, a2] = [createAssistant(s1, { engine: sharedEngine() }), createAssistant(s2, { engine: sharedEngine() })];
    const who = { platform: 'test', workspace: 'w', conversation: 'c' };
    for (let i = 0; i < 5; i++) {
      const user = `race-${i}`;
      await Promise.all([
        a1.handle({ ...who, user, text: 'je suis RUPN en collège' }),
        a2.handle({ ...who, user, text: 'je suis en Gironde' }),
      ]);
      expect(await s1.read('people', `test:w:${user}`)).toMatchObject({ profile: { niveau: 'college', departement: '33' } });
    }
    await Promise.all([s1.close(), s2.close()]);
  });

  it('a flow started on one instance goes on on another', async () => {
    const [s1, s2] = [await openStore(redis.url), await openStore(redis.url)];
    const who = { platform: 'test', workspace: 'w', user: 'multi' };
    await play(createAssistant(s1, { engine: sharedEngine() }), 'user> demande de FIL\nbot> Pour quel établissement', who);
    await play(createAssistant(s2, { engine: sharedEngine() }), 'user> Collège Jean Moulin\nbot> intitulé', who);
    await play(createAssistant(s1, { engine: sharedEngine() }), 'user> annuler\nbot> annulé', who);
    await Promise.all([s1.close(), s2.close()]);
  });
});
