import { describe, expect, it } from 'vitest';
import { decide, type Ranking } from '../../src/core/decide.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import type { Analysis } from '../../src/nlu/analyzer.js';

const analysis: Analysis = {
  normalized: 'qui paie le remplacement des tablettes',
  tokens: ['qui', 'paie', 'remplacement', 'tablettes'],
  terms: ['financ', 'remplac', 'ordin'],
  question: true,
  wish: false,
  aboutSelf: false,
  onlyEntities: false,
};
const ranking = (scores: [string, number][]): Ranking => {
  const hits = scores.map(([id, score]) => ({ id, score }));
  return { hits, index: hits, outOfScope: 0 };
};
const stats = (links: [string, string][]) => ({
  weight: () => 1,
  knows: () => true,
  linked: (a: string, b: string) => links.some(([x, y]) => (x === a && y === b) || (x === b && y === a)),
});

describe('decide: two close pages of one subject', () => {
  const close = ranking([
    ['equipement', 0.45],
    ['maintenance', 0.4],
    ['pix', 0.1],
  ]);

  it('answers the first with the other as « voir aussi » when the pages link each other', () => {
    const d = decide(close, analysis, stats([['equipement', 'maintenance']]), DEFAULT_SETTINGS);
    expect(d).toEqual({ kind: 'answer', hit: { id: 'equipement', score: 0.45 }, seeAlso: { id: 'maintenance', score: 0.4 } });
  });

  it('above the threshold too, a linked page neck and neck is « voir aussi »; a linked page well behind is not', () => {
    const links = stats([['assistance', 'maintenance']]);
    const neck = decide(
      ranking([
        ['assistance', 0.62],
        ['maintenance', 0.59],
      ]),
      analysis,
      links,
      DEFAULT_SETTINGS,
    );
    expect(neck).toEqual({ kind: 'answer', hit: { id: 'assistance', score: 0.62 }, seeAlso: { id: 'maintenance', score: 0.59 } });
    const behind = decide(
      ranking([
        ['assistance', 0.8],
        ['maintenance', 0.5],
      ]),
      analysis,
      links,
      DEFAULT_SETTINGS,
    );
    expect(behind).toEqual({ kind: 'answer', hit: { id: 'assistance', score: 0.8 } });
  });

  it('offers a menu when the two close pages are unrelated', () => {
    expect(decide(close, analysis, stats([]), DEFAULT_SETTINGS).kind).toBe('clarify');
  });

  it('offers a menu when a third page is close too', () => {
    const three = ranking([
      ['equipement', 0.45],
      ['maintenance', 0.4],
      ['assistance', 0.38],
    ]);
    expect(decide(three, analysis, stats([['equipement', 'maintenance']]), DEFAULT_SETTINGS).kind).toBe('clarify');
  });

  it('answers a linked pair a little below a clear win on its own (the two pages agree on the subject)', () => {
    const pair = ranking([
      ['maintenance', 0.4],
      ['equipement', 0.39],
      ['pix', 0.28],
    ]);
    expect(DEFAULT_SETTINGS.clearWinThreshold).toBeGreaterThan(0.4);
    expect(decide(pair, analysis, stats([['equipement', 'maintenance']]), DEFAULT_SETTINGS)).toMatchObject({
      kind: 'answer',
      hit: { id: 'maintenance' },
      seeAlso: { id: 'equipement' },
    });
  });

  it('a third page close behind is no doubt when it links to the first too (one subject, three pages)', () => {
    const three = ranking([
      ['maintenance', 0.45],
      ['equipement', 0.4],
      ['niveau1', 0.38],
    ]);
    const links = stats([
      ['equipement', 'maintenance'],
      ['maintenance', 'niveau1'],
    ]);
    expect(decide(three, analysis, links, DEFAULT_SETTINGS)).toMatchObject({ kind: 'answer', hit: { id: 'maintenance' } });
  });

  it('does not answer a weak first page even when linked', () => {
    const weak = ranking([
      ['equipement', 0.35],
      ['maintenance', 0.33],
    ]);
    expect(decide(weak, analysis, stats([['equipement', 'maintenance']]), DEFAULT_SETTINGS).kind).toBe('clarify');
  });
});
