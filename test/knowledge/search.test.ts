import { describe, expect, it } from 'vitest';
import { generateEntries } from '../../bench/generate.js';
import { Engine } from '../../src/core/engine.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { entrySchema } from '../../src/knowledge/schema.js';
import { SearchIndex, topK } from '../../src/knowledge/search.js';
import { knowledgeDir } from '../../src/knowledge/config.js';
import { rng } from '../../src/shared/random.js';

const words = { indexTerms: (t: string) => t.split(' ').filter(Boolean) };

describe('topK', () => {
  it('keeps the best scores, ties in their first order, and every position it is told to keep', () => {
    const scores = Float64Array.from([0.2, 0.9, 0.5, 0.9, 0.1, 0.5, 0.05]);
    expect(topK(scores, 3)).toEqual([1, 3, 2]);
    expect(topK(scores, 3, (j) => j === 6)).toEqual([1, 3, 2, 6]);
    expect(topK(scores, 100)).toEqual([1, 3, 2, 5, 0, 4, 6]);
    // same order as a full stable sort, whatever the limit
    const full = [...scores.keys()].sort((a, b) => scores[b] - scores[a]);
    for (let k = 0; k <= scores.length; k++) expect(topK(scores, k)).toEqual(full.slice(0, k));
  });
});

describe('SearchIndex', () => {
  const items = [
    { id: 'a', phrases: ['tablette classe'], body: 'tablette' },
    { id: 'b', phrases: ['tablette'], body: 'classe mobile' },
    { id: 'c', phrases: ['mobile'], body: 'tablette' },
    { id: 'flow:x', phrases: ['classe'], body: '', always: true },
  ];

  it('ranks by coverage, cosine and focus, and keeps a matching flow beyond the limit', () => {
    const index = new SearchIndex(items, words);
    const all = index.search(['tablette', 'classe']);
    expect(all.map((h) => h.id)).toEqual(['a', 'b', 'flow:x', 'c']);
    expect(index.search(['tablette', 'classe'], 1).map((h) => h.id)).toEqual(['a', 'flow:x']);
    expect(index.search(['tablette', 'classe'], 2).map((h) => h.score)).toEqual(all.filter((h) => h.id !== 'c').map((h) => h.score));
    expect(index.search(['inconnu'])).toEqual([]);
  });

  it('gives the same scores on a second search (its scratch space is reset)', () => {
    const index = new SearchIndex(items, words);
    const first = index.search(['mobile', 'tablette']);
    index.search(['classe']);
    expect(index.search(['mobile', 'tablette'])).toEqual(first);
  });
});

describe('SearchIndex scores', () => {
  // documents with many example phrases, as the shipped pack's entries have: the cosine is then found from the
  // phrases the message's terms reach, or document by document when the message's terms are common; both must give
  // the score its definition gives, to the last bit
  const random = rng(7);
  const vocab = Array.from({ length: 120 }, (_, i) => `w${i}`);
  const pick = (n: number) => Array.from({ length: n }, () => vocab[Math.floor(random() ** 2 * vocab.length)]);
  const docs = Array.from({ length: 40 }, (_, d) => ({
    id: `d${d}`,
    phrases: Array.from({ length: 10 + (d % 7) * 10 }, () => pick(2 + Math.floor(random() * 5)).join(' ')),
    body: pick(30).join(' '),
  }));
  const index = new SearchIndex(docs, words);

  /** The score as defined: coverage, cosine with the closest phrase, focus, each term weighted by rarity. */
  function reference(doc: (typeof docs)[number], q: string[]): number {
    const phrases = doc.phrases.map((p) => new Set(words.indexTerms(p)));
    const body = new Set(words.indexTerms(doc.body));
    const qWeight = q.reduce((s, t) => s + index.weight(t), 0);
    let covered = 0;
    let focusSum = 0;
    for (const t of q) {
      const w = index.weight(t);
      let focus = 0;
      for (const p of phrases) if (p.has(t)) focus += 1 / phrases.length;
      if (focus > 0) covered += w;
      else if (body.has(t)) covered += 0.5 * w;
      focusSum += w * focus;
    }
    let cosine = 0;
    for (const p of phrases) {
      let shared = 0;
      for (const t of q) if (p.has(t)) shared += index.weight(t);
      const pWeight = [...p].reduce((s, t) => s + index.weight(t), 0);
      if (shared) cosine = Math.max(cosine, shared / Math.sqrt(qWeight * pWeight));
    }
    return 0.5 * (covered / qWeight) + 0.35 * cosine + 0.15 * (focusSum / qWeight);
  }

  it('gives every document the score of its definition, with few or many common terms in the message', () => {
    for (let n = 0; n < 60; n++) {
      // one message in three made of the commonest words
      const q = n % 3 ? [...new Set(pick(1 + (n % 12)))] : vocab.slice(0, 1 + (n % 12));
      const hits = [...index.search(q), ...index.search(q, 5)];
      expect(hits.length).toBeGreaterThan(0);
      for (const h of hits) expect(h.score).toBe(reference(docs.find((d) => d.id === h.id)!, q));
    }
  });
});

describe('the engine on a large pack', () => {
  const shipped = loadKnowledge(knowledgeDir());
  const { entries } = generateEntries(2000, shipped.entries.length);
  const kb = { ...shipped, entries: [...shipped.entries, ...entries.map((e) => entrySchema.parse(e))] };
  const engine = new Engine(kb);

  it('reads knowledge text into the same terms as a message', () => {
    for (const e of kb.entries.slice(0, 80)) {
      for (const text of [e.title, e.answer, ...e.questions])
        expect(engine.analyzer.indexTerms(text)).toEqual(engine.analyzer.analyze(text).terms);
    }
  });

  it('gives with a limit exactly the head of the full ranking, however common the terms', () => {
    const texts = kb.entries.filter((_, i) => i % 37 === 0).flatMap((e) => [e.title, ...e.questions]);
    texts.push(
      'je voudrais paramétrer la tablette',
      'établissement élèves numérique',
      'qui peut m aider pour le drone en EPS',
      'coordonnateur Gironde',
    );
    let pruned = 0;
    for (const text of texts) {
      const terms = engine.analyzer.analyze(text).terms;
      const full = engine.index.search(terms);
      for (const limit of [1, 5, 50]) {
        const entries = full.filter((h) => !h.id.startsWith('flow:')).slice(0, limit);
        const expected = full.filter((h) => h.id.startsWith('flow:') || entries.includes(h));
        const got = engine.index.search(terms, limit);
        expect(got).toEqual(expected);
        if (full.length > 4 * got.length) pruned++;
      }
    }
    expect(pruned).toBeGreaterThan(50);
  });

  it('warms up on a sample of the pack, not on every question', () => {
    let searches = 0;
    const search = engine.index.search.bind(engine.index);
    engine.index.search = (terms, limit) => {
      searches++;
      return search(terms, limit);
    };
    engine.warm();
    expect(searches).toBeGreaterThan(50);
    expect(searches).toBeLessThan(400);
  });
});
