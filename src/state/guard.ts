import { silentLogger, type Logger } from '../shared/logger.js';
import { StoreUnavailableError, type StateStore } from './types.js';

/** A store call under way: its time limit (`performance.now()`), and how it ends. */
interface Waiting {
  what: string;
  until: number;
  settle: (ok: boolean, value: unknown) => void;
}

export interface GuardOptions {
  /** Longest a store call may take before the turn goes on without it. */
  timeoutMs?: number;
  /** First pause after a failure; doubles at each new failure up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
  logger?: Logger;
}

/**
 * A store whose every call ends within `timeoutMs`: a Redis that stops
 * answering or a full disk never hangs a turn. After a failure, calls fail at
 * once (`StoreUnavailableError`) until a backoff has passed, then the store is
 * tried again (the Redis client reconnects by itself meanwhile); the turn
 * answers anyway and says that nothing can be remembered for now.
 */
export function guardStore(store: StateStore, opts: GuardOptions = {}): StateStore {
  const { timeoutMs = 2000, backoffMs = 500, maxBackoffMs = 30_000, now = Date.now, logger = silentLogger } = opts;
  let retryAt = 0;
  let pause = 0;
  // Calls under way, oldest first (they all wait the same time): one timer for all of them, armed at the oldest
  // one's time limit, instead of a timer and a race per call (a turn makes a dozen calls, most answered at once).
  const waiting = new Set<Waiting>();
  let timer: NodeJS.Timeout | undefined;

  /** Gives up the calls past their time; waits again for the oldest one left. */
  function expire(): void {
    timer = undefined;
    const t = performance.now();
    for (const w of waiting) {
      if (w.until > t) {
        timer = setTimeout(expire, w.until - t);
        return;
      }
      waiting.delete(w);
      w.settle(false, new StoreUnavailableError(`${w.what} : pas de réponse du stockage en ${timeoutMs} ms`));
    }
  }

  function failed(what: string, err: unknown): Error {
    pause = pause ? Math.min(pause * 2, maxBackoffMs) : backoffMs;
    retryAt = now() + pause;
    logger.warn('store.unavailable', {
      store: store.kind,
      op: what,
      retryInMs: pause,
      err: err as Error,
      hint: 'stockage indisponible : les réponses continuent, rien n’est retenu en attendant',
    });
    return err instanceof StoreUnavailableError ? err : new StoreUnavailableError(`${what} : ${(err as Error).message}`, { cause: err });
  }

  function call<R>(what: string, op: () => Promise<R>): Promise<R> {
    if (now() < retryAt) return Promise.reject(new StoreUnavailableError(`${what} : stockage en pause après une panne`));
    return new Promise<R>((resolve, reject) => {
      const w: Waiting = {
        what,
        until: performance.now() + timeoutMs,
        settle: (ok, value) => {
          // the timer keeps the process alive only while a call waits
          if (!waiting.size) timer?.unref();
          if (!ok) return reject(failed(what, value));
          if (pause) logger.info('store.recovered', { store: store.kind, hint: 'le stockage répond de nouveau' });
          pause = 0;
          resolve(value as R);
        },
      };
      waiting.add(w);
      if (!timer) timer = setTimeout(expire, timeoutMs);
      else if (waiting.size === 1) timer.ref();
      const done = (ok: boolean) => (value: unknown) => {
        if (waiting.delete(w)) w.settle(ok, value);
      };
      let pending: Promise<R>;
      try {
        pending = op();
      } catch (err) {
        pending = Promise.reject(err);
      }
      pending.then(done(true), done(false));
    });
  }

  return {
    kind: store.kind,
    read: (ns, key) => call('read', () => store.read(ns, key)),
    write: (ns, key, value, ttl) => call('write', () => store.write(ns, key, value, ttl)),
    delete: (ns, key) => call('delete', () => store.delete(ns, key)),
    claim: (ns, key, ttl) => call('claim', () => store.claim(ns, key, ttl)),
    release: (ns, key) => call('release', () => store.release(ns, key)),
    purge: () => call('purge', () => store.purge()),
    // a turn's reads and writes inside `run` go through the calls above; its commit is bounded like them
    ...(store.transaction && {
      transaction: () => {
        const tx = store.transaction!();
        return { run: (work) => tx.run(work), commit: () => call('commit', () => tx.commit()) };
      },
    }),
    ...(store.update && { update: (ns, key, change, ttl) => call('update', () => store.update!(ns, key, change, ttl)) }),
    // closing waits no longer than a call: a dead Redis must not hold `quitter`
    close: () => Promise.race([store.close(), new Promise<void>((r) => setTimeout(r, timeoutMs).unref())]),
  };
}
