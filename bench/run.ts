/**
 * `npm run bench`: the project's engine (the full turn) beside Fuse.js and
 * MiniSearch on the same questions and entries, on the shipped pack and on
 * generated packs of 1,000 and 10,000 entries; then the commands around it
 * (start, `batch`, `kb:lint`, a flow step on each store). A table for people,
 * `--json` for tools, a progress bar on stderr. Options: `--sizes 1000,10000`,
 * `--quick` (fewer questions).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { knowledgeDir } from '../src/knowledge/config.js';
import { ENGINE_LABELS, type EngineName } from './engines.js';
import { writePack, type BenchQuestion } from './generate.js';
import { child, ROOT, runBatch, runConsole, runLint } from './processes.js';
import { Progress } from './stats.js';
import { renderTable, type Report } from './table.js';

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const json = argv.includes('--json');
const quick = argv.includes('--quick');
const sizes = (option('--sizes') ?? '1000,10000').split(',').filter(Boolean).map(Number);
const bar = new Progress();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-bench-'));
const shippedDir = knowledgeDir();

/** How many questions each engine answers on a pack (Fuse takes seconds per question at 10,000). */
function budget(engine: EngineName, entries: number): { max: number; rounds: number } {
  const q = quick ? 0.2 : 1;
  if (engine === 'fuse') return { max: Math.round((entries > 5000 ? 10 : entries > 500 ? 60 : 200) * q) || 5, rounds: 1 };
  return { max: Math.round(500 * q), rounds: entries < 500 ? 5 : 3 };
}

const report: Report = { machine: machine(), packs: [], commands: {} };

function machine(): Report['machine'] {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '?',
    memGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    // other work on the machine inflates wall-clock times: the load at the start, then at the end
    load: [os.loadavg()[0]],
  };
}

const shippedQuestions: BenchQuestion[] = fs
  .readFileSync(path.join(ROOT, 'test', 'fixtures', 'paraphrases.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; topic: string | null })
  .filter((q): q is BenchQuestion => Boolean(q.topic));

const shippedCount = fs.readdirSync(path.join(shippedDir, 'entries')).length;
const packs: { label: string; dir: string; size: number; questions: BenchQuestion[] }[] = [
  { label: `pack livré (${shippedCount} fiches)`, dir: shippedDir, size: shippedCount, questions: shippedQuestions },
];
for (const size of sizes) {
  bar.update(`génération du pack de ${size} fiches`, 0);
  const dir = path.join(tmp, `pack-${size}`);
  packs.push({ label: `${size} fiches`, dir, size, questions: writePack(dir, size, shippedDir) });
}

const engines = Object.keys(ENGINE_LABELS) as EngineName[];
for (const pack of packs) {
  const qfile = path.join(tmp, `${path.basename(pack.dir)}.questions.json`);
  fs.writeFileSync(qfile, JSON.stringify(pack.questions));
  const row: Report['packs'][number] = { label: pack.label, engines: [] };
  report.packs.push(row);
  for (const engine of engines) {
    const { max, rounds } = budget(engine, pack.size);
    const label = `${pack.label} · ${ENGINE_LABELS[engine]}`;
    try {
      row.engines.push(await child(['engine', engine, pack.dir, qfile, String(max), String(rounds)], (d) => bar.update(label, d)));
    } catch (err) {
      row.engines.push({ engine, error: (err as Error).message });
    }
    bar.note(`fait : ${label}`);
  }
  // the commands an operator runs on that pack
  bar.update(`${pack.label} · batch (démarrage)`, 0);
  const cwd = fs.mkdtempSync(path.join(tmp, 'cwd-'));
  const env = { RUPN_KNOWLEDGE_DIR: pack.dir, RUPN_LOG_LEVEL: 'error' };
  const line = JSON.stringify({ user: 'u1', text: 'qui est mon coordonnateur en Gironde ?' });
  try {
    const cold = await runBatch([line], env, cwd);
    const warm = await runBatch([line], env, cwd);
    Object.assign(row, {
      batchColdMs: cold.firstLineMs,
      batchWarmMs: warm.firstLineMs,
      batchColdCpu: cold.cpuSeconds,
      batchWarmCpu: warm.cpuSeconds,
    });
  } catch (err) {
    row.batchError = (err as Error).message;
  }
  bar.update(`${pack.label} · kb:lint`, 0.5);
  row.lint = await runLint(pack.dir);
  bar.note(`fait : ${pack.label} · batch, kb:lint`);
}

// throughput of `batch` on the shipped pack: people asking and answering in turn
const lines = Array.from({ length: quick ? 500 : 3000 }, (_, i) =>
  JSON.stringify({ user: `p${i % 50}`, text: shippedQuestions[i % shippedQuestions.length].text }),
);
const cwd = fs.mkdtempSync(path.join(tmp, 'cwd-'));
for (const store of ['memory', 'sqlite'] as const) {
  bar.update(`batch ${store} : ${lines.length} lignes`, 0);
  const args = store === 'sqlite' ? ['--store', `sqlite://${path.join(cwd, 'batch.sqlite')}`] : [];
  report.commands[`batch.${store}`] = await runBatch(lines, { RUPN_LOG_LEVEL: 'error' }, cwd, args);
}
for (const url of ['memory', `sqlite://${path.join(cwd, 'flow.sqlite')}`]) {
  const name = url.split(':')[0];
  report.commands[`flow.${name}`] = await child(['flow', url], (d) => bar.update(`étape de démarche (${name})`, d));
}
bar.update('console : démarrage et première réponse', 0);
for (const compiled of [false, true]) {
  if (compiled && !fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'start.js'))) continue;
  await runConsole(cwd, compiled); // the first start writes the knowledge cache; the second is what people see
  report.commands[compiled ? 'console.compiled' : 'console.tsx'] = await runConsole(cwd, compiled);
}
bar.done();
fs.rmSync(tmp, { recursive: true, force: true });
report.machine.load?.push(os.loadavg()[0]);

if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
else process.stdout.write(renderTable(report));
