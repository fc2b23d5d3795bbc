import Keyv from 'keyv';
import type { Logger } from '../shared/logger.js';
import { deserialize, serialize } from './rows.js';
import { StoreError, type StateStore } from './types.js';

export { StoreError, StoreUnavailableError, type StateStore } from './types.js';

type StoreFactory = (namespace: string) => Keyv;
interface Claimer {
  claim(namespace: string, key: string, ttlMs: number): Promise<boolean>;
  release(namespace: string, key: string): Promise<void>;
}

/** Claims within one process: check and set with no await in between. */
function localClaimer(): Claimer {
  const held = new Map<string, number>();
  return {
    async claim(namespace, key, ttlMs) {
      const k = `${namespace}:${key}`;
      const now = Date.now();
      if ((held.get(k) ?? 0) > now) return false;
      held.set(k, now + ttlMs);
      if (held.size > 50000) for (const [x, until] of held) if (until <= now) held.delete(x);
      return true;
    },
    async release(namespace, key) {
      held.delete(`${namespace}:${key}`);
    },
  };
}

class KeyvStore implements StateStore {
  private readonly spaces = new Map<string, Keyv>();

  constructor(
    readonly kind: string,
    private readonly make: StoreFactory,
    private readonly claimer: Claimer = localClaimer(),
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  claim(namespace: string, key: string, ttlMs: number): Promise<boolean> {
    return this.claimer.claim(namespace, key, ttlMs);
  }

  release(namespace: string, key: string): Promise<void> {
    return this.claimer.release(namespace, key);
  }

  private space(namespace: string): Keyv {
    let k = this.spaces.get(namespace);
    if (!k) {
      k = this.make(namespace);
      k.on('error', () => {}); // surfaced by the rejected promise of the call itself (throwOnErrors)
      this.spaces.set(namespace, k);
    }
    return k;
  }

  async read<T>(namespace: string, key: string): Promise<T | undefined> {
    return (await this.space(namespace).get<T>(key)) ?? undefined;
  }

  async write<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<void> {
    await this.space(namespace).set(key, value, ttlMs);
  }

  async delete(namespace: string, key: string): Promise<void> {
    await this.space(namespace).delete(key);
  }

  async purge(): Promise<void> {}

  async close(): Promise<void> {
    await Promise.all([...this.spaces.values()].map((k) => k.disconnect().catch(() => {})));
    this.spaces.clear();
    await this.onClose();
  }
}

/**
 * Rows in memory exactly as keyv keeps them in a Map (the same JSON text, the
 * same expiry, read back as a fresh copy), without keyv's hooks, events and
 * statistics on every call: every turn reads and writes a few rows.
 */
class MemoryStore implements StateStore {
  readonly kind = 'memory';
  private readonly spaces = new Map<string, Map<string, string>>();
  private readonly claimer = localClaimer();

  claim(namespace: string, key: string, ttlMs: number): Promise<boolean> {
    return this.claimer.claim(namespace, key, ttlMs);
  }

  release(namespace: string, key: string): Promise<void> {
    return this.claimer.release(namespace, key);
  }

  /** The namespace's rows and the key as keyv prefixes it (a key already starting with `namespace:` stays as is). */
  private row(namespace: string, key: string): [Map<string, string>, string] {
    let rows = this.spaces.get(namespace);
    if (!rows) {
      rows = new Map();
      this.spaces.set(namespace, rows);
    }
    return [rows, key.startsWith(`${namespace}:`) ? key : `${namespace}:${key}`];
  }

  async read<T>(namespace: string, key: string): Promise<T | undefined> {
    const [rows, k] = this.row(namespace, key);
    const text = rows.get(k);
    if (text === undefined) return undefined;
    const stored = deserialize<{ value?: T; expires?: number } | null>(text);
    if (stored === null || stored === undefined) return undefined;
    if (typeof stored.expires === 'number' && Date.now() > stored.expires) {
      rows.delete(k);
      return undefined;
    }
    return stored.value ?? undefined;
  }

  async write<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<void> {
    if (typeof value === 'symbol') throw new Error('symbol cannot be serialized');
    const [rows, k] = this.row(namespace, key);
    const expires = typeof ttlMs === 'number' && ttlMs !== 0 ? Date.now() + ttlMs : undefined;
    rows.set(k, serialize({ value, expires }));
  }

  async delete(namespace: string, key: string): Promise<void> {
    const [rows, k] = this.row(namespace, key);
    rows.delete(k);
  }

  async purge(): Promise<void> {}

  /** Nothing to let go of; the rows stay, as they did in keyv's Maps. */
  async close(): Promise<void> {}
}

/** A store in memory: tests, and `batch` runs that must leave nothing behind. */
export function memoryStore(): StateStore {
  return new MemoryStore();
}

export interface OpenOptions {
  logger?: Logger;
  /** Longest wait for Redis to answer at start. */
  connectTimeoutMs?: number;
  /** Longest wait for any later store call (see `guardStore`). */
  timeoutMs?: number;
}

/** The address as it may be shown: a password in a Redis URL is masked. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Opens the store named by a URL: `memory`, `sqlite://data/rupn.sqlite` (the
 * default, created on first use) or `redis://host:6379` for several instances.
 * Throws a `StoreError` in French naming `RUPN_STORE` when it cannot (Redis
 * not answering within `connectTimeoutMs`, a file that cannot be written, a
 * file already used by another process). Every later call is bounded in time.
 */
export async function openStore(url = 'sqlite://data/rupn.sqlite', opts: OpenOptions = {}): Promise<StateStore> {
  const { guardStore } = await import('./guard.js');
  const guard = (s: StateStore) => guardStore(s, { timeoutMs: opts.timeoutMs, logger: opts.logger });
  if (url === 'memory') return memoryStore();
  if (url.startsWith('sqlite://')) {
    const { SqliteStore } = await import('./sqlite.js');
    return guard(await SqliteStore.open(url.slice('sqlite://'.length)));
  }
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return guard(await openRedis(url, opts.connectTimeoutMs ?? 3000));
  throw new StoreError(
    `RUPN_STORE : adresse de stockage inconnue « ${shown(url)} » (attendu : memory, sqlite://fichier ou redis://hôte:port)`,
  );
}

/** Errors that say nobody listens at the address (or that the name does not resolve). */
const REFUSED = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|not connected|failed to connect/i;

async function openRedis(url: string, connectTimeoutMs: number): Promise<StateStore> {
  const { default: KeyvRedis, createClient } = await import('@keyv/redis');
  // One connection for every namespace and for claims, opened here: commands fail at once while it is
  // down (no offline queue that would replay a stale write later) and it reconnects with backoff.
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: (n: number) => Math.min(100 * 2 ** n, 5000) },
  });
  client.on('error', () => {}); // each call reports its own failure; the guard logs it
  let timer: NodeJS.Timeout | undefined;
  let refused: ((err: Error) => void) | undefined;
  // the client retries a refused connection for ever: the first refusal is the answer at start
  const onRefusal = (err: Error) => {
    if (REFUSED.test(`${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`)) refused?.(err);
  };
  client.on('error', onRefusal);
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => {
        refused = reject;
        timer = setTimeout(() => reject(new Error(`pas de réponse en ${connectTimeoutMs / 1000} s`)), connectTimeoutMs);
      }),
    ]);
  } catch (err) {
    client.destroy();
    const why = REFUSED.test(`${(err as NodeJS.ErrnoException).code ?? ''} ${(err as Error).message}`)
      ? 'connexion refusée ou adresse introuvable'
      : (err as Error).message;
    throw new StoreError(
      `RUPN_STORE : impossible de joindre Redis à ${shown(url)} (${why}). Vérifiez que Redis tourne à cette adresse, ou changez RUPN_STORE (par exemple sqlite://data/rupn.sqlite).`,
    );
  } finally {
    clearTimeout(timer);
    client.off('error', onRefusal);
  }
  // SET NX is atomic across every instance on this Redis
  const claimer: Claimer = {
    claim: async (namespace, key, ttlMs) =>
      (await client.set(`rupn:claim:${namespace}:${key}`, '1', { NX: true, PX: Math.max(1, Math.round(ttlMs)) })) === 'OK',
    release: async (namespace, key) => void (await client.del(`rupn:claim:${namespace}:${key}`)),
  };
  const make = (ns: string) =>
    new Keyv({
      store: new KeyvRedis(client as never, { throwOnConnectError: true, throwOnErrors: true }),
      namespace: ns,
      throwOnErrors: true,
      serialize,
      deserialize,
    });
  return new KeyvStore('redis', make, claimer, async () => {
    if (client.isOpen) await client.close().catch(() => client.destroy());
  });
}
