/**
 * Input for `batch` throughput, as people use it: each person says who they
 * are, asks questions (some with the profile an adapter knows), and part of
 * them go through a guided flow (the FIL request) between two questions.
 * Deterministic: the same count gives the same lines. Run alone it prints
 * them: `node --import tsx bench/batch-lines.ts 3000 > lines.jsonl`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CASES } from '../test/helpers/flow-cases.js';

const ROOT = path.resolve(import.meta.dirname, '..');

const PROFILES = [
  'je suis RUPN en collège en Gironde',
  'je suis référent numérique au lycée, dans les Landes',
  'je travaille en Dordogne, en collège',
  'RUPN lycée 64',
  'je suis en Lot-et-Garonne, collège',
];
// the FIL request as the flow tests play it, then « oui » to the summary
const fil = CASES.find((c) => c.id === 'fil')!;
const FLOW = [fil.start, ...fil.answers, 'oui'];

/** `count` input lines for `people` people taking turns. */
export function batchLines(count: number, people = 100): string[] {
  const questions = fs
    .readFileSync(path.join(ROOT, 'test', 'fixtures', 'paraphrases.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  // each person's own script: a profile, questions, and for one in three the flow in the middle
  const scripts = Array.from({ length: people }, (_, p) => {
    const asks = Array.from({ length: 12 }, (_, i) => questions[(p * 7 + i * 13) % questions.length]);
    const flow = p % 3 === 0 ? FLOW : [];
    return [PROFILES[p % PROFILES.length], ...asks.slice(0, 4), ...flow, ...asks.slice(4)];
  });
  const lines: string[] = [];
  for (let i = 0; lines.length < count; i++) {
    const p = i % people;
    const script = scripts[p];
    const text = script[Math.floor(i / people) % script.length];
    // one line in four carries what an adapter would know about the person
    const profile = i % 4 === 0 ? { niveau: p % 2 ? 'lycee' : 'college' } : undefined;
    lines.push(JSON.stringify({ user: `p${p}`, ...(profile ? { profile } : {}), text }));
  }
  return lines;
}

if (import.meta.filename === process.argv[1]) {
  process.stdout.write(`${batchLines(Number(process.argv[2] ?? 3000)).join('\n')}\n`);
}
