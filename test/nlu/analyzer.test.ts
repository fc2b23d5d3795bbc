import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/nlu/analyzer.js';
import { testAssistant } from '../helpers/assistant.js';

const analyze = (s: string) => testAssistant().engine.analyzer.analyze(s);

describe('entities', () => {
  it.each([
    ['un collège de Dordogne', '24'],
    ['coordonateur dordogne', '24'],
    ['je suis dans le 33', '33'],
    ['lycée des Pyrénées-Atlantiques', '64'],
    ['pyrenees atlantique', '64'],
    ['en Lot et Garonne', '47'],
    ['dans les Landes', '40'],
    ['en girondee', '33'],
    ['64', '64'],
    ['collège (40)', '40'],
  ])('finds the département in « %s »', (text, numero) => {
    expect(analyze(text).departement).toBe(numero);
  });

  it.each(['12 enseignants', '40 élèves en salle', 'un lot de tablettes', 'il est 33 minutes'])('sees no département in « %s »', (text) => {
    expect(analyze(text).departement).toBeUndefined();
  });

  it('finds the niveau, and none when both are named', () => {
    expect(analyze('je suis prof en collège').niveau).toBe('college');
    expect(analyze('RUPN au lycée pro').niveau).toBe('lycee');
    expect(analyze('collège et lycée').niveau).toBeUndefined();
  });

  it('expands acronyms both ways and maps everyday words', () => {
    const a = analyze('demande de FIL');
    const b = analyze("demande de formation d'initiative locale");
    expect(a.terms).toEqual(expect.arrayContaining(b.terms.filter((t) => t !== 'demand')));
    expect(analyze('le coordo').terms).toEqual(analyze('le coordonnateur').terms);
    expect(analyze('ramasser les copies').terms).toEqual(expect.arrayContaining(analyze('travaux').terms));
  });

  it('does not read « ça » as the CA', () => {
    expect(analyze('ça marche').terms).not.toContain('conseil');
    expect(analyze('membres du CA').terms).toContain('conseil');
  });

  it('tells a question from a wish', () => {
    expect(analyze("Qu'est-ce qu'une FIL ?").question).toBe(true);
    expect(analyze('je voudrais faire une demande de FIL').wish).toBe(true);
    expect(analyze('je voudrais savoir ce qu’est une FIL').wish).toBe(false);
    expect(analyze('Je travaille dans un collège en Dordogne').aboutSelf).toBe(true);
    expect(analyze('je suis RUPN dans un lycée').aboutSelf).toBe(true);
  });
});

describe('départements as the administration writes them', () => {
  const small = new Analyzer(
    {
      acronymes: {},
      synonymes: {},
      horsChamp: [],
      autresServices: { carriere: [], etablissement: [], eleves: [] },
      motsDuNumerique: [],
      departements: [
        { numero: '2A', nom: 'Corse-du-Sud', variantes: ['ajaccio'] },
        { numero: '2B', nom: 'Haute-Corse', variantes: ['bastia'] },
        { numero: '971', nom: 'Guadeloupe', variantes: [] },
        { numero: '974', nom: 'La Réunion', variantes: [] },
        { numero: '33', nom: 'Gironde', variantes: [] },
      ],
      niveaux: { college: ['college'], lycee: ['lycee'] },
    },
    ['coordonnateur du département', 'salle informatique', 'élèves'],
  );
  const dep = (s: string) => small.analyze(s).departement;

  it.each([
    ['le 971', '971'],
    ['collège (2A)', '2A'],
    ['je travaille dans le 2B', '2B'],
    ['974', '974'],
    ['974 ?', '974'],
    ['coordonnateur du 2a', '2A'],
    ['dpt 971', '971'],
    ['lycée à Bastia', '2B'],
  ])('finds « %s » as %s, written as in the lexicon', (text, numero) => {
    expect(dep(text)).toBe(numero);
  });

  it.each(['97 élèves', 'en 1971', 'le 9710', 'salle 2A', 'salle 33', 'il y a 2 à 3 élèves', 'le 975'])(
    'sees no département in « %s »',
    (text) => {
      expect(dep(text)).toBeUndefined();
    },
  );

  it('leaves the number out of the search terms and reads « dans le 974 » as a follow-up', () => {
    const a = small.analyze('et dans le 974 ?');
    expect(a.departement).toBe('974');
    expect(a.terms).not.toContain('974');
    expect(a.onlyEntities).toBe(true);
  });
});

describe('synonyms meet words of the same stem, not other words that share it', () => {
  it('« équipe » (a team) is not « équipement » (the equipment), while « équipements » is', () => {
    const team = analyze('mon équipe de lettres');
    const equipment = analyze('les équipements de la salle');
    const canonical = analyze('ordinateur').terms[0];
    expect(equipment.terms).toContain(canonical);
    expect(team.terms).not.toContain(canonical);
  });
});
