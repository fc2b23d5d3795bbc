import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { T } from '../../src/core/texts.js';
import { replyText } from '../../src/shared/text.js';
import { guardStore } from '../../src/state/guard.js';
import { openStore, StoreError, StoreUnavailableError } from '../../src/state/store.js';
import { play } from '../helpers/assistant.js';
import { createLogger } from '../../src/shared/logger.js';
import { flakyStore } from '../helpers/flaky-store.js';
import { hasRedis, startRedis } from '../helpers/redis.js';

const who = { platform: 'test', workspace: 'w', user: 'panne' };

describe('a store that fails never hangs a turn', () => {
  it('a silent store: the knowledge answer comes anyway, with a word that nothing is remembered', async () => {
    const { store, state } = flakyStore();
    const a = createAssistant(guardStore(store, { timeoutMs: 50 }));
    await play(a, 'user> je suis RUPN dans un collège des Landes\nbot> C’est noté', who);
    state.mode = 'hang';
    const t0 = Date.now();
    const [r] = await play(a, 'user> qui est le coordonnateur des Landes ?\nbot> LOCHET', who);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(replyText(r)).toContain(T.storeDown);
  });

  it('a failing store: « oublie-moi » and « mes données » say they cannot be done, rather than lie', async () => {
    const { store, state } = flakyStore();
    const a = createAssistant(guardStore(store, { timeoutMs: 50, backoffMs: 1, maxBackoffMs: 1 }));
    await play(a, 'user> je suis RUPN dans un lycée de Gironde', who);
    state.mode = 'fail';
    const [erase] = await play(a, 'user> oublie-moi', who);
    expect(replyText(erase)).toBe(T.storeDownPrivacy);
    const [show] = await play(a, 'user> mes données', who);
    expect(replyText(show)).toBe(T.storeDownPrivacy);
    // back up: the profile was neither erased nor overwritten by the empty record of the bad turns
    state.mode = 'ok';
    await new Promise((r) => setTimeout(r, 5)); // past the backoff
    const [back] = await play(a, 'user> mes données', who);
    expect(replyText(back)).toMatch(/lycée, Gironde/);
  });

  it('after a failure, calls fail at once for a backoff that grows, then the store is tried again', async () => {
    const { store, state } = flakyStore();
    let now = 0;
    const guarded = guardStore(store, { timeoutMs: 50, backoffMs: 1000, maxBackoffMs: 4000, now: () => now });
    state.mode = 'fail';
    await expect(guarded.read('people', 'k')).rejects.toBeInstanceOf(StoreUnavailableError);
    const tried = state.calls;
    await expect(guarded.read('people', 'k')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(state.calls).toBe(tried); // within the backoff: not even tried
    now = 1001;
    await expect(guarded.read('people', 'k')).rejects.toThrow();
    expect(state.calls).toBe(tried + 1);
    now = 2500; // the second pause is 2 s: still waiting
    await expect(guarded.read('people', 'k')).rejects.toThrow();
    expect(state.calls).toBe(tried + 1);
    state.mode = 'ok';
    now = 3100;
    await guarded.write('people', 'k', { a: 1 });
    expect(await guarded.read('people', 'k')).toEqual({ a: 1 });
  });

  it('a Redis that is not there is refused at start, in French, naming RUPN_STORE, within the timeout', async () => {
    const t0 = Date.now();
    const err = await openStore('redis://127.0.0.1:1', { connectTimeoutMs: 500 }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toMatch(/^RUPN_STORE : impossible de joindre Redis à redis:\/\/127\.0\.0\.1:1/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('a refused Redis is said to be refused, at once, not reported as a timeout', async () => {
    // a long timeout: the refusal must be the answer, not the clock running out
    const err = await openStore('redis://127.0.0.1:1', { connectTimeoutMs: 60_000 }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toContain('(connexion refusée ou adresse introuvable)');
    expect(err.message).not.toContain('pas de réponse');
  });

  it('a password in the Redis address is never shown', async () => {
    const err = await openStore('redis://:motdepasse@127.0.0.1:1', { connectTimeoutMs: 300 }).catch((e) => e);
    expect(err.message).toMatch(/RUPN_STORE/);
    expect(err.message).not.toContain('motdepasse');
  });

  it('a rediss:// address is a Redis address too (refused here, not « adresse inconnue »)', async () => {
    const err = await openStore('rediss://127.0.0.1:1', { connectTimeoutMs: 60_000 }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toMatch(/^RUPN_STORE : impossible de joindre Redis à rediss:\/\/127\.0\.0\.1:1/);
  });

  it.skipIf(!hasRedis)(
    'a Redis that freezes: each call gives up after the timeout given to openStore, and the log says so',
    async () => {
      const redis = await startRedis();
      const lines: Record<string, unknown>[] = [];
      const logger = createLogger('info', 'rupn', (l) => lines.push(JSON.parse(l)));
      const store = await openStore(redis.url, { timeoutMs: 150, logger });
      try {
        await store.write('people', 'k', { a: 1 });
        redis.pause();
        const err = (await store.read('people', 'k').catch((e: Error) => e)) as Error;
        expect(err).toBeInstanceOf(StoreUnavailableError);
        expect(err.message).toContain('150 ms');
        expect(lines).toContainEqual(expect.objectContaining({ msg: 'store.unavailable', store: 'redis', op: 'read' }));
      } finally {
        redis.resume();
        await store.close();
        await redis.stop();
      }
    },
    20_000,
  );
});
