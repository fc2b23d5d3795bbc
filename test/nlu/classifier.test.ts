import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { knowledgeDir } from '../../src/knowledge/config.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { featuresOf } from '../../src/nlu/features.js';

const questions = fs
  .readFileSync(new URL('../fixtures/paraphrases.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { text: string }).text);

describe('the classifier trained on the pack’s examples', () => {
  it('one more example (a DANE editor’s) does not move the answers to unrelated questions', () => {
    const kb = loadKnowledge(knowledgeDir());
    const before = new Engine(kb);
    const examples = { ...kb.examples, magistere: [...(kb.examples.magistere ?? []), 'un espace d’échange entre référents de l’académie'] };
    const after = new Engine({ ...kb, examples });
    const top = (e: Engine, q: string) => e.classifier!.predict(featuresOf(e.analyzer.analyze(q)))[0];
    let moved = 0;
    for (const q of questions) {
      const [x, y] = [top(before, q), top(after, q)];
      if (x.label !== 'magistere' && y.label !== 'magistere' && (x.label !== y.label || Math.abs(x.p - y.p) > 0.05)) moved++;
    }
    // with a fresh random order of all the examples at each training, 18 of these 135 moved
    expect(moved).toBe(0);
  }, 60_000);
});
