import fs from 'node:fs';
import { knowledgeCacheKey } from '../knowledge/loader.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import type { AdapterHealth, HealthRegistry } from '../shared/health.js';
import type { StateStore } from '../state/store.js';

/** What `/health` returns and « Santé » shows; nothing in it names a person or holds a secret. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  store: { kind: string; reachable: boolean; latencyMs: number | null; error?: string };
  adapters: AdapterHealth[];
  knowledge: { academie: string; entries: number; hash: string; loadMs: number | null };
  version: string;
  startedAt: string;
  uptimeSeconds: number;
}

const VERSION = (() => {
  try {
    return (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'inconnue';
  }
})();

/** Writes and reads back a short-lived key: the store is reachable when both work. */
async function probe(store: StateStore, now: () => number): Promise<HealthReport['store']> {
  const started = now();
  try {
    const value = String(started);
    await store.write('health', 'probe', value, 60_000);
    const back = await store.read<string>('health', 'probe');
    if (back === undefined) throw new Error('écriture non relue');
    return { kind: store.kind, reachable: true, latencyMs: Math.max(0, now() - started) };
  } catch (err) {
    return {
      kind: store.kind,
      reachable: false,
      latencyMs: null,
      error: (err as Error).name === 'StoreUnavailableError' ? 'stockage injoignable ou trop lent' : 'stockage en erreur',
    };
  }
}

/** The pack's hash, computed once per folder (the files are read from disk). */
const hashes = new Map<string, string>();
function packHash(dir: string): string {
  let h = hashes.get(dir);
  if (!h) {
    h = knowledgeCacheKey(dir);
    hashes.set(dir, h);
  }
  return h;
}

export interface HealthSources {
  store: StateStore;
  kb: KnowledgeBase;
  registry: HealthRegistry;
  startedAt: Date;
  knowledgeLoadMs?: number;
  now: () => Date;
}

/** The process's health: the store probed now, the adapters as last seen, the pack, version and uptime. */
export async function healthReport(s: HealthSources): Promise<HealthReport> {
  const store = await probe(s.store, () => performance.now());
  const now = s.now();
  return {
    status: store.reachable ? 'ok' : 'degraded',
    store: store.latencyMs === null ? store : { ...store, latencyMs: Math.round(store.latencyMs * 10) / 10 },
    adapters: s.registry.list(),
    knowledge: {
      academie: s.kb.academie.libelle,
      entries: s.kb.entries.length,
      hash: packHash(s.kb.dir),
      loadMs: s.knowledgeLoadMs === undefined ? null : Math.round(s.knowledgeLoadMs),
    },
    version: VERSION,
    startedAt: s.startedAt.toISOString(),
    uptimeSeconds: Math.max(0, Math.round((now.getTime() - s.startedAt.getTime()) / 1000)),
  };
}
