import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { knowledgeDir } from '../knowledge/config.js';
import { loadKnowledgeCached } from '../knowledge/loader.js';
import { baseEnvSchema, loadDotEnv, parseEnv } from '../shared/config.js';
import { dayOf, GAP_KEEP_DAYS, readGaps } from '../state/gaps.js';
import { openStore, type StateStore } from '../state/store.js';
import { formatGaps, groupGaps } from './gaps-report.js';

/**
 * `npm run -s kb:gaps`: the questions of the last 90 days that got a menu or
 * no answer, grouped by nearest entry, for the people who write the knowledge.
 * Reads the store of `--store URL` or `RUPN_STORE` (the same as `npm start`).
 */
function fail(message: string): never {
  process.stderr.write(`kb:gaps : ${message}\n`);
  process.exit(2);
}

const options = {
  store: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;
let args: ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];
try {
  args = parseArgs({ options }).values;
} catch (err) {
  const option = /'(-[^' ]+)/.exec((err as Error).message)?.[1];
  fail(`option inconnue ou sans valeur${option ? ` : ${option}` : ''} (options : --store URL, --json)`);
}
if (args.help) {
  process.stdout.write(
    'npm run -s kb:gaps [-- --store URL] [-- --json]\nListe les questions des 90 derniers jours restées sans bonne réponse, groupées par entrée la plus proche.\n',
  );
  process.exit(0);
}

loadDotEnv();
let url: string;
try {
  url = args.store ?? parseEnv(baseEnvSchema, process.env).RUPN_STORE;
} catch (err) {
  fail((err as Error).message);
}
const now = new Date();
const range = { from: dayOf(new Date(now.getTime() - (GAP_KEEP_DAYS - 1) * 86_400_000)), to: dayOf(now) };

// a listing creates nothing: no SQLite file yet means nothing recorded yet
const sqliteFile = url.startsWith('sqlite://') ? url.slice('sqlite://'.length) : undefined;
let days: Awaited<ReturnType<typeof readGaps>> = [];
if (!sqliteFile || sqliteFile === ':memory:' || fs.existsSync(sqliteFile)) {
  let store: StateStore | undefined;
  try {
    store = await openStore(url);
    days = await readGaps(store, now);
  } catch (err) {
    fail(`lecture impossible du stockage ${url.replace(/\/\/[^@/]*@/, '//…@')} : ${(err as Error).message}`);
  } finally {
    await store?.close();
  }
}

let titles = new Map<string, string>();
try {
  titles = new Map(loadKnowledgeCached(knowledgeDir()).entries.map((e) => [e.id, e.title]));
} catch (err) {
  process.stderr.write(
    `kb:gaps : base de connaissances illisible, entrées listées sans leur titre (${(err as Error).message.split('\n')[0]})\n`,
  );
}
const report = groupGaps(days, range, (id) => titles.get(id));
process.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : formatGaps(report));
