import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { openStore, type StateStore } from '../../src/state/store.js';
import { play } from '../helpers/assistant.js';
import { hasRedis, startRedis } from '../helpers/redis.js';

const who = { platform: 'test', workspace: 'w', user: 'personne-zorglub-42' };

/** A person who leaves a profile, a flow with a telling answer and a follow-up context, then asks to be forgotten. */
async function liveAndForget(store: StateStore) {
  const a = createAssistant(store);
  await play(a, 'user> je suis RUPN dans un lycée des Landes\nbot> C’est noté', who);
  await play(a, 'user> qui est mon coordo ?\nbot> LOCHET', who);
  await play(a, 'user> organiser un café numérique\nuser> Tableaux blancs Zorglubéens\nuser> mardi 9 mars 2027', who);
  await play(a, 'user> oublie-moi\nbot> effacé', who);
}

describe('« oublie-moi » leaves nothing behind', () => {
  it('on SQLite, not even in the raw bytes of the file and its log', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-erase-')), 'rupn.sqlite');
    const store = await openStore(`sqlite://${file}`);
    await liveAndForget(store);
    // read while the store is still open: the running assistant must not keep a copy either
    const raw = () =>
      fs
        .readdirSync(path.dirname(file))
        .filter((f) => !f.endsWith('.lock'))
        .map((f) => fs.readFileSync(path.join(path.dirname(file), f)).toString('latin1'))
        .join('\n');
    const bytes = raw();
    expect(bytes.length).toBeGreaterThan(0);
    // the person's words and profile; the entries answered are counted per week for the digest, with no one
    // attached (so an entry id such as « coordonnateurs » may stay), and the follow-up context is gone
    for (const trace of ['zorglub', 'Zorglub', 'Landes', 'lycee']) expect(bytes).not.toContain(trace);
    expect(bytes).not.toMatch(/"topic":"coordonnateurs"/);
    await store.close();
    expect(raw()).not.toContain('zorglub');
  });
});

describe.runIf(hasRedis)('on Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('no key of the person remains, the follow-up context included', async () => {
    const store = await openStore(redis.url);
    const client = createClient({ url: redis.url });
    await client.connect();
    const a = createAssistant(store);
    await play(a, 'user> je suis RUPN dans un lycée des Landes\nuser> qui est mon coordo ?\nbot> LOCHET', who);
    const keysOf = async () => (await client.keys('*')).filter((k) => k.includes('zorglub'));
    // the person and the follow-up context (namespace `recent`) are both there before
    expect((await keysOf()).some((k) => k.includes('recent'))).toBe(true);
    expect((await keysOf()).some((k) => k.includes('people'))).toBe(true);
    await play(a, 'user> oublie-moi\nbot> effacé', who);
    expect(await keysOf()).toEqual([]);
    await client.quit();
    await store.close();
  });
});
