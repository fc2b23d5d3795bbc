import { memoryStore, type StateStore } from '../../src/state/store.js';

/**
 * A store that can be switched to never answer (Redis gone silent) or to fail
 * (disk full), counting the calls that reach it; its close can hang too.
 */
export function flakyStore(inner: StateStore = memoryStore()) {
  const state = { mode: 'ok' as 'ok' | 'hang' | 'fail', calls: 0, closed: false, closeHangs: false };
  const wrap =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> => {
      state.calls++;
      if (state.mode === 'hang') return new Promise<R>(() => {});
      if (state.mode === 'fail') return Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
      return f(...a);
    };
  const store: StateStore = {
    kind: 'sqlite',
    read: wrap((ns, k) => inner.read(ns, k)),
    write: wrap((ns, k, v, t) => inner.write(ns, k, v, t)),
    delete: wrap((ns, k) => inner.delete(ns, k)),
    claim: wrap((ns, k, t) => inner.claim(ns, k, t)),
    release: wrap((ns, k) => inner.release(ns, k)),
    purge: wrap(() => inner.purge()),
    close: () => {
      state.closed = true;
      return state.closeHangs ? new Promise<void>(() => {}) : inner.close();
    },
  };
  return { store, state };
}
