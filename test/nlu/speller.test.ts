import { describe, expect, it } from 'vitest';
import { Speller } from '../../src/nlu/fuzzy.js';
import { ask, testAssistant } from '../helpers/assistant.js';

describe('the speller', () => {
  const speller = new Speller(['coordonnateur', 'coordo', 'questions', 'difference', 'documentaliste', 'cours', 'court'], ['coordo']);

  it('reads a short word one letter off as the domain’s own word (« cordo », « coodo »)', () => {
    expect(speller.correct('cordo')).toBe('coordo');
    expect(speller.correct('coodo')).toBe('coordo');
  });

  it('leaves a short word alone when no domain word is one letter off (« coûte » is not « courte »)', () => {
    expect(speller.correct('courd')).toBeNull();
  });

  it('finds a swap or a doubled letter in a longer word that Fuse’s score lets through', () => {
    expect(speller.correct('coodro')).toBe('coordo');
    expect(speller.correct('quuestions')).toBe('questions');
    expect(speller.correct('docuemntaliste')).toBe('documentaliste');
  });

  it('gives nothing when two domain words are equally near', () => {
    expect(new Speller([], ['coord', 'coordo']).correct('cooro')).toBeNull();
  });
});

describe('typed fast: typos on the key words, lower case', () => {
  const a = testAssistant();
  it.each([
    ['coodro du 24 svp', 'Dordogne (24)'],
    ['a bayonne qui est le coodo', 'DEZEST'],
    ['college a saint-sever, cordo', 'LOCHET'],
  ])('« %s » names %s', async (text, name) => {
    expect((await ask(a, text)).text).toContain(name);
  });

  it.each(['je suis a toulouse, mon coordo', 'lycee a la rochelle, qui est mon coordo'])(
    'a city elsewhere in lower case is still outside the académie: « %s »',
    async (text) => {
      expect((await ask(a, text)).intent).toBe('place.outside');
    },
  );

  it('« à la montagne » is no town', async () => {
    expect((await ask(a, 'mes 5e vont écrire un blog pendant le séjour à la montagne')).intent).toBe('kb.answer');
  });
});

describe('two questions typed fast', () => {
  const a = testAssistant();
  it.each([
    ['diffference entre via et tribu', ['VIA', 'TRIBU']],
    ['deux quuestions : comment marche le gar comment lancer une campagne pix', ['GAR', 'Pix']],
    ['tribu c est quoi et via', ['TRIBU', 'VIA']],
  ])('« %s » answers both', async (text, names) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('kb.multi');
    for (const name of names) expect(r.text).toContain(name);
  });

  it('a tool’s name one letter off is the tool (« trbiu »)', async () => {
    expect((await ask(a, 'trbiu c est quoi')).topic).toBe('outils.tribu');
  });

  it('« bonnjour !! » is a greeting', async () => {
    expect((await ask(a, 'bonnjour !!')).intent).toBe('smalltalk.hello');
  });
});
