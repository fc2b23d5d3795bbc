import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/nlu/fuzzy.js';
import fc from 'fast-check';
import { fold, normalize, stem, stripNoise } from '../../src/nlu/normalize.js';

/** What `normalize` was written as first (fold, elisions, then one space per run of non-alphanumerics): the fast one must agree. */
const reference = (text: string) =>
  fold(text)
    .replace(/\b(l|d|j|qu|n|s|c|m|t|jusqu|lorsqu|puisqu|quoiqu)'/g, '$1 ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

describe('normalize', () => {
  it('folds every character alone as it does in a text (the one-pass reading relies on it)', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x10000 ? 1 : 61) {
      const ch = String.fromCodePoint(cp);
      for (const t of [ch, `a${ch}b`, `L${ch}'A`]) if (normalize(t) !== reference(t)) wrong.push(t);
    }
    expect(wrong).toEqual([]);
  });

  it('reads any text exactly as the plain definition does (accents, ligatures, apostrophes, emoji, any script)', () => {
    const french = fc.constantFrom(
      ..."aàâäeéèêëiîïoôöuùûüÿçœæAÀÉÈÊÇŒÆ '’‘`´ʼ-.?!,;:()«»0123456789İıΣσςﬁｑ\u0301\u0327\u200b👋🇫🇷".split(''),
    );
    const texts = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: french, maxLength: 40 }));
    fc.assert(
      fc.property(texts, (t) => normalize(t) === reference(t)),
      { numRuns: 400 },
    );
  });

  it('folds case and accents, splits elisions and punctuation', () => {
    expect(normalize("Qu'est-ce que l’ENT d’OSÉ ?")).toBe('qu est ce que l ent d ose');
    expect(normalize('prenom.nom@ac-bordeaux.fr')).toBe('prenom nom ac bordeaux fr');
    expect(normalize('  Cœur   de   LYCÉE!!! ')).toBe('coeur de lycee');
  });

  it('drops emoji, zero-width and control characters', () => {
    expect(normalize(stripNoise('👋 bonjour\u0007\u200b 🎉'))).toBe('bonjour');
    expect(normalize(stripNoise('😀😀😀'))).toBe('');
  });

  it('stems inflections of the same word together', () => {
    expect(stem('affectation')).toBe(stem('affectations'));
    expect(stem('responsables')).toBe(stem('responsable'));
    expect(stem('coordonnateurs')).toBe(stem('coordonnateur'));
    expect(stem('ent')).toBe('ent');
    expect(stem('2019')).toBe('2019');
  });

  it('measures typos with transpositions', () => {
    expect(editDistance('coordonateur', 'coordonnateur')).toBe(1);
    expect(editDistance('gorinde', 'gironde')).toBe(2);
    expect(editDistance('ent', 'ent')).toBe(0);
  });
});
