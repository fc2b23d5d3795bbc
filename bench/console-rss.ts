/**
 * The console's memory as `npm start` runs it, and compiled: resident memory
 * (RSS) after the first answer: `node --import tsx bench/console-rss.ts [runs] ['node options']`.
 * The compiled run needs `npm run build` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runConsole } from './processes.js';

const runs = Number(process.argv[2] ?? 3);
/** Node's own options to try (`--max-semi-space-size=1 …`), as one argument. */
const flags = (process.argv[3] ?? '').split(' ').filter(Boolean);
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-rss-'));
for (const compiled of [false, true]) {
  if (compiled && !fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'start.js'))) continue;
  await runConsole(cwd, compiled, undefined, flags); // the first start writes the knowledge cache; the next ones are what people see
  const seen = [];
  for (let i = 0; i < runs; i++) seen.push(await runConsole(cwd, compiled, undefined, flags));
  const rss = seen.map((r) => r.rssMb.toFixed(0)).join(', ');
  const first = seen.map((r) => (r.firstAnswerMs / 1000).toFixed(1)).join(', ');
  process.stdout.write(`${compiled ? 'compilé (start:prod)' : 'tsx (npm start)'} : RSS ${rss} Mo ; première réponse ${first} s\n`);
}
fs.rmSync(cwd, { recursive: true, force: true });
