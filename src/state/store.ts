import fs from 'node:fs';
import path from 'node:path';
import Keyv from 'keyv';

/** The few verbs the assistant needs from storage; one keyv instance per namespace. */
export interface StateStore {
  read<T>(namespace: string, key: string): Promise<T | undefined>;
  write<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
  /**
   * Takes `key` for `ttlMs` if nobody holds it: true for exactly one caller,
   * even across instances sharing Redis (a retried event, a reminder to send).
   */
  claim(namespace: string, key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back before its time is up. */
  release(namespace: string, key: string): Promise<void>;
  close(): Promise<void>;
  /** `memory`, `sqlite` or `redis`: for the logs and `mes données`. */
  readonly kind: string;
}

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
      k.on('error', () => {}); // surfaced by the rejected promise of the call itself
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

  async close(): Promise<void> {
    await Promise.all([...this.spaces.values()].map((k) => k.disconnect().catch(() => {})));
    this.spaces.clear();
    await this.onClose();
  }
}

/** A store in memory: tests, and `batch` runs that must leave nothing behind. */
export function memoryStore(): StateStore {
  const maps = new Map<string, Map<string, unknown>>();
  return new KeyvStore('memory', (ns) => {
    if (!maps.has(ns)) maps.set(ns, new Map());
    return new Keyv({ store: maps.get(ns)!, namespace: ns });
  });
}

/**
 * Opens the store named by a URL: `memory`, `sqlite://data/rupn.sqlite` (the
 * default, created on first use) or `redis://host:6379` for several instances.
 */
export async function openStore(url = 'sqlite://data/rupn.sqlite'): Promise<StateStore> {
  if (url === 'memory') return memoryStore();
  if (url.startsWith('sqlite://')) {
    const file = url.slice('sqlite://'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    return new KeyvStore('sqlite', (ns) => new Keyv({ store: new KeyvSqlite({ uri: url, busyTimeout: 5000 }), namespace: ns }));
  }
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    const { default: KeyvRedis } = await import('@keyv/redis');
    // one more connection for claims: SET NX is atomic across every instance on this Redis
    const claims = new KeyvRedis(url);
    type Client = { set(k: string, v: string, o: { NX: true; PX: number }): Promise<string | null>; del(k: string): Promise<number> };
    const client = async () => (await claims.getClient()) as unknown as Client;
    const claimer: Claimer = {
      claim: async (namespace, key, ttlMs) =>
        (await (await client()).set(`rupn:claim:${namespace}:${key}`, '1', { NX: true, PX: Math.max(1, Math.round(ttlMs)) })) === 'OK',
      release: async (namespace, key) => void (await (await client()).del(`rupn:claim:${namespace}:${key}`)),
    };
    return new KeyvStore('redis', (ns) => new Keyv({ store: new KeyvRedis(url), namespace: ns }), claimer, () => claims.disconnect().catch(() => {}));
  }
  throw new Error(`RUPN_STORE : adresse de stockage inconnue « ${url} » (attendu : memory, sqlite://fichier ou redis://hôte:port)`);
}
