import type { StateStore } from './types.js';

/** Longest wait for another turn's claim on a shared key; past it the update goes ahead (one lost count at worst). */
const CLAIM_TRIES = 100;
const CLAIM_PAUSE_MS = 20;

/**
 * Read-modify-write of one shared key: the store's own atomic `update` where
 * it has one (SQLite, inside the turn's transaction), else under a short
 * claim so that two turns, or two instances on Redis, do not lose an update.
 * `change` gets a fresh copy of `empty` when the key is absent and may change
 * it in place; it returns the value to write, or undefined to leave it.
 */
export async function updateKey<T>(
  store: StateStore,
  namespace: string,
  key: string,
  empty: T,
  change: (value: T) => T | undefined,
  ttlMs?: number,
): Promise<void> {
  const apply = (value: T | undefined) => change(value ?? structuredClone(empty));
  if (store.update) return store.update<T>(namespace, key, apply, ttlMs);
  const lock = `lock:${key}`;
  let held = await store.claim(namespace, lock, 2000);
  for (let i = 1; i < CLAIM_TRIES && !held; i++) {
    await new Promise((r) => setTimeout(r, CLAIM_PAUSE_MS));
    held = await store.claim(namespace, lock, 2000);
  }
  try {
    const next = apply(await store.read<T>(namespace, key));
    if (next !== undefined) await store.write(namespace, key, next, ttlMs);
  } finally {
    if (held) await store.release(namespace, lock).catch(() => {});
  }
}
