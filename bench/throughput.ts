/**
 * `batch` throughput alone, on memory and on SQLite, with the mixed lines of
 * `batch-lines.ts`: `node --import tsx bench/throughput.ts [lines] [memory|sqlite]…`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchLines } from './batch-lines.js';
import { runBatch } from './processes.js';

const args = process.argv.slice(2);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 3000);
const stores = args.filter((a) => a === 'memory' || a === 'sqlite');
const lines = batchLines(count);
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-throughput-'));
for (const store of stores.length ? stores : ['memory', 'sqlite']) {
  const extra = store === 'sqlite' ? ['--store', `sqlite://${path.join(cwd, 'batch.sqlite')}`] : [];
  const r = await runBatch(lines, { RUPN_LOG_LEVEL: 'error' }, cwd, extra);
  process.stdout.write(
    `${store}: ${r.linesPerSecond.toFixed(0)} lignes/s (${r.lines} lignes, CPU ${r.cpuSeconds.toFixed(1)} s, première ligne ${(r.firstLineMs / 1000).toFixed(1)} s)\n`,
  );
}
fs.rmSync(cwd, { recursive: true, force: true });
