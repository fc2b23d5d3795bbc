import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { fileModelCache } from '../../src/core/model-cache.js';
import { knowledgeDir } from '../../src/knowledge/config.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { featuresOf } from '../../src/nlu/features.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-models-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const kb = loadKnowledge(knowledgeDir());
const QUESTIONS = [
  'qui est mon coordo 33',
  'faire réviser mes 4e avec un petit quiz',
  'la prime du RUPN',
  'tu enregistres mes questions ?',
];
const probabilities = (e: Engine) => QUESTIONS.map((q) => [...e.classifier!.probabilities(featuresOf(e.analyzer.analyze(q)))]);

describe('the classifier kept in data/ between starts', () => {
  const trained = new Engine(kb, [], undefined, fileModelCache(dir, 'bordeaux'));
  const files = () => fs.readdirSync(dir).filter((f) => f.startsWith('classifier-bordeaux-'));

  it('the first start trains and keeps the model; the next one reads it and gives the same probabilities', () => {
    expect(files()).toHaveLength(1);
    const written = fs.statSync(path.join(dir, files()[0])).mtimeMs;
    const read = new Engine(kb, [], undefined, fileModelCache(dir, 'bordeaux'));
    expect(fs.statSync(path.join(dir, files()[0])).mtimeMs).toBe(written);
    expect(probabilities(read)).toEqual(probabilities(trained));
    expect(probabilities(read)).toEqual(probabilities(new Engine(kb)));
  });

  it('an example added by the DANE trains a new model, which replaces the old file', () => {
    const before = files()[0];
    const examples = { ...kb.examples, magistere: [...(kb.examples.magistere ?? []), 'un espace d’échange entre référents'] };
    new Engine({ ...kb, examples }, [], undefined, fileModelCache(dir, 'bordeaux'));
    expect(files()).toHaveLength(1);
    expect(files()[0]).not.toBe(before);
  });

  it('a damaged file is trained again, never read as a model', () => {
    new Engine(kb, [], undefined, fileModelCache(dir, 'bordeaux'));
    const file = path.join(dir, files()[0]);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 1000));
    const again = new Engine(kb, [], undefined, fileModelCache(dir, 'bordeaux'));
    expect(probabilities(again)).toEqual(probabilities(trained));
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
  });
});
