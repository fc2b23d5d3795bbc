/**
 * Speed and memory targets (issue #2): median time per answer under 1 ms on
 * this knowledge base, `npm start` at the prompt in under 2 s. Prints figures
 * and exits 1 when a target is missed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createAssistant } from '../src/app.js';
import { memoryStore } from '../src/state/store.js';

const root = path.resolve(import.meta.dirname, '..');
const questions = [
  ...fs.readFileSync(path.join(root, '..', 'shared', 'eval', 'questions.jsonl'), 'utf8').split('\n'),
  ...fs.readFileSync(path.join(root, 'test', 'fixtures', 'paraphrases.jsonl'), 'utf8').split('\n'),
]
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { text: string }).text);

const t0 = performance.now();
const assistant = createAssistant(memoryStore());
const buildMs = performance.now() - t0;

for (const q of questions) await assistant.handle({ platform: 'bench', workspace: '-', user: 'warm', conversation: 'c', text: q });
const times: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const [i, q] of questions.entries()) {
    const s = performance.now();
    await assistant.handle({ platform: 'bench', workspace: '-', user: `u${round}-${i}`, conversation: 'c', text: q });
    times.push(performance.now() - s);
  }
}
times.sort((a, b) => a - b);
const median = times[times.length >> 1];
const p95 = times[Math.floor(times.length * 0.95)];
const rssMb = process.memoryUsage().rss / 2 ** 20;

/** Time until the console shows its prompt, measured on a real `npm start`. */
function startupMs(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = performance.now();
    const p = spawn('npm', ['start'], { cwd: root, env: { ...process.env, RUPN_STORE: 'memory' }, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => (p.kill(), reject(new Error('pas d’invite après 15 s'))), 15000);
    p.stdout.on('data', (d) => {
      out += d;
      if (out.includes('vous ›')) {
        clearTimeout(timer);
        resolve(performance.now() - s);
        p.stdin.end('quitter\n');
      }
    });
  });
}
const startup = await startupMs();

const rows = [
  ['questions', String(questions.length)],
  ['engine build', `${buildMs.toFixed(0)} ms`],
  ['median per answer', `${median.toFixed(3)} ms (target < 1 ms)`],
  ['p95 per answer', `${p95.toFixed(3)} ms`],
  ['resident memory', `${rssMb.toFixed(0)} MiB`],
  ['npm start to prompt', `${startup.toFixed(0)} ms (target < 2000 ms)`],
];
for (const [k, v] of rows) console.log(`${k.padEnd(22)} ${v}`);
process.exit(median < 1 && startup < 2000 ? 0 : 1);
