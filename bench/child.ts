/**
 * One measurement in its own process (so that heap and RSS are the engine's
 * alone): `engine <name> <pack> <questions.json> <max> <rounds>` or
 * `flow <store url>`. Reports progress and the result to the parent over IPC.
 */
import fs from 'node:fs';
import { createAssistant } from '../src/app.js';
import { loadKnowledge } from '../src/knowledge/loader.js';
import { openStore } from '../src/state/store.js';
import { buildEngine, type EngineName } from './engines.js';
import type { BenchQuestion } from './generate.js';
import { summarize } from './stats.js';

const send = (m: object) => (process.send ? process.send(m) : process.stdout.write(JSON.stringify(m) + '\n'));
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (n: number) => Number((n / 2 ** 20).toFixed(1));

async function engine(name: EngineName, pack: string, questionsFile: string, max: number, rounds: number): Promise<void> {
  const all = JSON.parse(fs.readFileSync(questionsFile, 'utf8')) as BenchQuestion[];
  // an even sample over the whole list, the same for every engine that gets the same `max`
  const step = Math.max(1, all.length / max);
  const questions = Array.from({ length: Math.min(max, all.length) }, (_, i) => all[Math.floor(i * step)]);
  const kb = loadKnowledge(pack);
  gc();
  const t0 = performance.now();
  const answer = buildEngine(name, kb);
  const buildMs = performance.now() - t0;
  gc();
  const mem = process.memoryUsage();
  const total = questions.length * rounds;
  for (const [i, q] of questions.slice(0, 10).entries()) await answer(q.text, -1 - i);
  const times: number[] = [];
  // CPU time beside wall time: on a shared machine, waiting for a core is not the engine's cost
  const cpu: number[] = [];
  let right = 0;
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const c = process.cpuUsage();
      const s = performance.now();
      const got = await answer(q.text, n);
      times.push(performance.now() - s);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      if (r === 0 && got === q.topic) right++;
      if (++n % 10 === 0) send({ progress: n / total });
    }
  }
  send({
    result: {
      engine: name,
      entries: kb.entries.length,
      questions: questions.length,
      buildMs,
      ...summarize(times),
      cpuMedian: summarize(cpu).median,
      cpuP99: summarize(cpu).p99,
      accuracy: right / questions.length,
      heapMb: mb(mem.heapUsed),
      rssMb: mb(mem.rss),
    },
  });
}

/** A guided flow's steps on a store: each turn reads the person, moves the flow, writes it back. */
async function flow(url: string): Promise<void> {
  const store = await openStore(url);
  const assistant = createAssistant(store);
  const times: number[] = [];
  const runs = 60;
  for (let i = 0; i < runs; i++) {
    const user = `flow-${i}`;
    const say = (text: string) => assistant.handle({ platform: 'bench', workspace: '-', user, conversation: 'c', text });
    await say('je voudrais faire une demande de FIL');
    for (const text of [
      'Collège Jean Moulin, 0330001A',
      'Prise en main de Pix Orga',
      'Accompagner les équipes dans le suivi des parcours Pix',
    ]) {
      const s = performance.now();
      await say(text);
      times.push(performance.now() - s);
    }
    await say('annuler');
    send({ progress: (i + 1) / runs });
  }
  await store.close();
  send({ result: { store: url.split(':')[0], steps: times.length, ...summarize(times) } });
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'engine') await engine(args[0] as EngineName, args[1], args[2], Number(args[3]), Number(args[4]));
else if (cmd === 'flow') await flow(args[0]);
else throw new Error(`commande inconnue : ${cmd}`);
process.exit(0);
