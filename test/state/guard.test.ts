import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { guardStore } from '../../src/state/guard.js';
import { StoreUnavailableError } from '../../src/state/store.js';
import { flakyStore } from '../helpers/flaky-store.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('a guarded store, as the README promises it', () => {
  it('passes every verb through to the store while it answers', async () => {
    const { store } = flakyStore();
    const g = guardStore(store);
    expect(g.kind).toBe('sqlite');
    await g.write('people', 'k', { a: 1 }, 60_000);
    expect(await g.read('people', 'k')).toEqual({ a: 1 });
    await g.delete('people', 'k');
    expect(await g.read('people', 'k')).toBeUndefined();
    expect(await g.claim('events', 'E1', 60_000)).toBe(true);
    expect(await g.claim('events', 'E1', 60_000)).toBe(false);
    await g.release('events', 'E1');
    expect(await g.claim('events', 'E1', 60_000)).toBe(true);
    await expect(g.purge()).resolves.toBeUndefined();
  });

  it('a call that hangs is given up after 2 s, saying so', async () => {
    vi.useFakeTimers();
    const { store, state } = flakyStore();
    const g = guardStore(store);
    state.mode = 'hang';
    let outcome: unknown;
    const pending = g.read('people', 'k').catch((err) => (outcome = err));
    await vi.advanceTimersByTimeAsync(1999);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(outcome).toBeInstanceOf(StoreUnavailableError);
    expect((outcome as Error).message).toBe('read : pas de réponse du stockage en 2000 ms');
  });

  it('each call that hangs gets its own 2 s, whatever the calls before and beside it did', async () => {
    vi.useFakeTimers();
    const { store, state } = flakyStore();
    const g = guardStore(store);
    await g.write('people', 'k', 1); // answered at once, at 0 s
    await vi.advanceTimersByTimeAsync(1500);
    state.mode = 'hang';
    const gaveUp: string[] = [];
    const first = g.read('people', 'k').catch(() => gaveUp.push('first'));
    await vi.advanceTimersByTimeAsync(1000);
    const second = g.write('people', 'k', 2).catch(() => gaveUp.push('second'));
    await vi.advanceTimersByTimeAsync(999); // 3.499 s: the first waited 1.999 s
    expect(gaveUp).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await first;
    expect(gaveUp).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(999);
    expect(gaveUp).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(gaveUp).toEqual(['first', 'second']);
  });

  it('a failure names the call that failed and keeps its cause', async () => {
    let now = 0;
    const { store, state } = flakyStore();
    const g = guardStore(store, { now: () => now });
    state.mode = 'fail';
    const calls: [string, () => Promise<unknown>][] = [
      ['read', () => g.read('people', 'k')],
      ['write', () => g.write('people', 'k', 1)],
      ['delete', () => g.delete('people', 'k')],
      ['claim', () => g.claim('events', 'E', 10)],
      ['release', () => g.release('events', 'E')],
      ['purge', () => g.purge()],
    ];
    for (const [verb, call] of calls) {
      now += 60_000; // past any pause
      const err = (await call().catch((e) => e)) as StoreUnavailableError;
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(err.message).toBe(`${verb} : SQLITE_FULL: database or disk is full`);
      expect((err.cause as Error).message).toMatch(/^SQLITE_FULL/);
    }
  });

  it('retries after 0.5 s, then after a pause that doubles, never more than 30 s', async () => {
    let now = 0;
    const { store, state } = flakyStore();
    const g = guardStore(store, { now: () => now });
    state.mode = 'fail';
    /** Whether a call at time `t` reaches the store. */
    const reaches = async (t: number) => {
      now = t;
      const before = state.calls;
      await g.read('people', 'k').catch(() => {});
      return state.calls > before;
    };
    expect(await reaches(0)).toBe(true);
    let last = 0;
    for (const expected of [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]) {
      expect(await reaches(last + expected - 1)).toBe(false);
      expect(await reaches(last + expected)).toBe(true);
      last += expected;
    }
  });

  it('once the store answers again, says so in the logs and the next failure pauses 0.5 s again', async () => {
    let now = 0;
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', 'rupn', (l) => lines.push(JSON.parse(l)));
    const { store, state } = flakyStore();
    const g = guardStore(store, { now: () => now, logger });
    await g.write('people', 'k', 1);
    expect(lines).toEqual([]); // nothing to say while all is well
    state.mode = 'fail';
    await g.read('people', 'k').catch(() => {});
    now = 500;
    await g.read('people', 'k').catch(() => {});
    expect(lines.map((l) => [l.level, l.msg, l.op, l.retryInMs, l.store])).toEqual([
      ['warn', 'store.unavailable', 'read', 500, 'sqlite'],
      ['warn', 'store.unavailable', 'read', 1000, 'sqlite'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('"k"');
    state.mode = 'ok';
    now = 1500;
    expect(await g.read('people', 'k')).toBe(1);
    expect(lines.at(-1)).toMatchObject({ level: 'info', msg: 'store.recovered', store: 'sqlite' });
    await g.read('people', 'k');
    expect(lines.filter((l) => l.msg === 'store.recovered')).toHaveLength(1);
    state.mode = 'fail';
    await g.read('people', 'k').catch(() => {});
    expect(lines.at(-1)).toMatchObject({ msg: 'store.unavailable', retryInMs: 500 });
    // each line explains itself in French to whoever reads the logs
    for (const l of lines) expect(l.hint).toMatch(/^(le |stockage )\S.{10,}/);
  });

  it('closing waits for the store, but no longer than a call may take', async () => {
    const { store, state } = flakyStore();
    await guardStore(store).close();
    expect(state.closed).toBe(true);

    vi.useFakeTimers();
    const stuck = flakyStore();
    stuck.state.closeHangs = true;
    let closed = false;
    const closing = guardStore(stuck.store, { timeoutMs: 300 })
      .close()
      .then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(299);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await closing;
    expect(closed).toBe(true);
  });
});
