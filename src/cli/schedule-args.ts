import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { knowledgeDir } from '../knowledge/config.js';
import { loadKnowledgeCached } from '../knowledge/loader.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import { openStore, type StateStore } from '../state/store.js';

/** Stops a command with a French message on stderr and exit status 2. */
export function usage(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** Parses the options of `reminders` and `digest`; an unknown option or a bad date is said in French. */
export function readArgs(
  options: Record<string, { type: 'string' | 'boolean' }>,
  help: string,
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ options: { ...options, store: { type: 'string' } }, strict: true }).values;
  } catch (err) {
    return usage(`${(err as Error).message.split('\n')[0]}\n${help}`);
  }
}

/** `2026-09-07`, checked to be a real day. */
export function isoDay(value: unknown, name: string, help: string): string {
  const s = typeof value === 'string' ? value : '';
  const t = Date.parse(`${s}T12:00:00Z`);
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
  return ok ? s : usage(`--${name} : une date au format AAAA-MM-JJ est attendue${s ? ` (reçu « ${s} »)` : ''}.\n${help}`);
}

/** The pack, which must have a calendar. */
export function calendarKnowledge(): KnowledgeBase {
  let kb: KnowledgeBase;
  try {
    kb = loadKnowledgeCached(knowledgeDir());
  } catch (err) {
    return usage((err as Error).message);
  }
  if (!kb.calendar) usage(`Pas de calendrier dans ${kb.dir} : ajoutez calendrier.yaml (voir knowledge/README.md).`);
  return kb;
}

/** The store named by --store or RUPN_STORE, else the default file if it exists; none otherwise (no recipients are counted). */
export async function storeFor(arg: unknown): Promise<StateStore | undefined> {
  const url = (typeof arg === 'string' && arg) || process.env.RUPN_STORE;
  if (url) return openStore(url);
  return fs.existsSync('data/rupn.sqlite') ? openStore('sqlite://data/rupn.sqlite') : undefined;
}
