import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/nlu/fuzzy.js';
import { normalize, stem, stripNoise } from '../../src/nlu/normalize.js';

describe('normalize', () => {
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
