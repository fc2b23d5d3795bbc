import fs from 'node:fs';
import path from 'node:path';
import Keyv from 'keyv';

/** The few verbs the assistant needs from storage; one keyv instance per namespace. */
export interface StateStore {
  read<T>(namespace: string, key: string): Promise<T | undefined>;
  write<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
  close(): Promise<void>;
  /** `memory`, `sqlite` or `redis`: for the logs and `mes données`. */
  readonly kind: string;
}

type StoreFactory = (namespace: string) => Keyv;

class KeyvStore implements StateStore {
  private readonly spaces = new Map<string, Keyv>();

  constructor(
    readonly kind: string,
    private readonly make: StoreFactory,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

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
    return new KeyvStore('redis', (ns) => new Keyv({ store: new KeyvRedis(url), namespace: ns }));
  }
  throw new Error(`RUPN_STORE : adresse de stockage inconnue « ${url} » (attendu : memory, sqlite://fichier ou redis://hôte:port)`);
}
