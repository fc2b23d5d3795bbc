import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ask, testAssistant } from '../helpers/assistant.js';

/**
 * Questions phrased as RUPNs type them, none copied from the knowledge files:
 * the engine must understand the domain, not the strings.
 */
const rows = fs
  .readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'paraphrases.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; topic: string | null });

it('finds the right entry for most paraphrases and never claims one out of scope', async () => {
  const a = testAssistant();
  const misses: string[] = [];
  for (const r of rows) {
    const out = await ask(a, r.text);
    if (r.topic === null) expect(out.topic, r.text).toBeNull();
    else if (out.topic !== r.topic) misses.push(`${r.text} → ${out.topic}`);
  }
  const inScope = rows.filter((r) => r.topic).length;
  expect(1 - misses.length / inScope, misses.join('\n')).toBeGreaterThanOrEqual(0.85);
});
