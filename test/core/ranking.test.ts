import { describe, expect, it } from 'vitest';
import { ask, flat, testAssistant } from '../helpers/assistant.js';

const a = testAssistant();

describe('answers from the knowledge base', () => {
  it.each([
    ['quel outil pour recueillir les travaux d eleves', 'outils.recueillir-travaux'],
    ['comment designer les RA du GAR ?', 'gar.responsables-affectation'],
    ['c koi schematic', 'schematic'],
    ['mail du coordo de gironde', 'coordonnateurs'],
    ['Qu’est-ce que le CRCN ?', 'pix.crcn'],
    ['adresse du DPD', 'dpd'],
    ['comment est paye le rupn', 'rupn.indemnite'],
    ['ou trouver la lettre d information de la dane', 'line'],
    ['le wifi ne marche plus', 'assistance'],
  ])('« %s » → %s', async (text, topic) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('kb.answer');
    expect(r.topic === topic || r.topic?.startsWith(topic)).toBe(true);
    expect(r.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('fits the answer to the niveau: only the lycée tools for a lycée', async () => {
    const r = await ask(a, 'outil pour ramasser les copies', { profile: { niveau: 'lycee' } });
    expect(flat(r.text)).toContain('casier');
    expect(flat(r.text)).not.toContain('mediatheque d ose');
  });

  it('gives both variants, labelled, when the niveau is unknown', async () => {
    const r = await ask(a, 'où désigner les responsables d’affectation GAR ?');
    expect(r.text).toMatch(/En collège : .*DÉCADE/);
    expect(r.text).toMatch(/En lycée : .*RESP-AFFECT-GAR/);
  });

  it('knows the coordinators by name', async () => {
    const r = await ask(a, 'qui est Lionel Delsaux ?');
    expect(r.text).toContain('Coordonnateur départemental DANE, Gironde (33) : Lionel DELSAUX');
  });

  it('tolerates typos and missing accents', async () => {
    expect((await ask(a, 'coordonateur dordogne')).text).toContain('LÉMONIE');
    expect((await ask(a, 'respnsable d affectaton gar college')).text).toContain('DÉCADE');
  });
});

describe('when it does not know', () => {
  it.each([
    'Quel temps fera-t-il ce week-end ?',
    'Raconte-moi une blague',
    'qwertyuiop',
    'combien font 12 fois 7',
    'recette de la blanquette de veau',
    'résultats du loto',
    'combien coûte un abonnement netflix',
  ])('claims no topic for « %s » and names a human', async (text) => {
    const r = await ask(a, text);
    expect(r.topic).toBeNull();
    expect(r.intent).toMatch(/^fallback/);
    expect(flat(r.text)).toMatch(/coordonnateur departemental|dane/);
  });

  it('offers close suggestions as numbered choices, and a number picks one', async () => {
    const conv = { platform: 'test', workspace: '-', user: 'sugg-' + Date.now(), conversation: 'c' };
    // one vague word that several entries share: a menu, not an answer
    const first = await a.handle({ ...conv, text: 'formation' });
    expect(first.intent).toBe('fallback.suggest');
    const choices = first.messages[0].choices!;
    expect(choices.length).toBeGreaterThan(1);
    expect(choices.length).toBeLessThanOrEqual(3);
    const pick = await a.handle({ ...conv, text: '2' });
    expect(pick.intent).toBe('kb.answer');
    expect(pick.topic).toBe(choices[1].value);
    // the menu is answered once: a later « 1 » is a new message, not a pick
    const later = await a.handle({ ...conv, text: '1' });
    expect(later.topic).not.toBe(choices[0].value);
  });

  it('answers small talk briefly, with no topic', async () => {
    for (const t of ['Salut !', 'merci beaucoup', 'bonne journée']) {
      const r = await ask(a, t);
      expect(r.intent).toMatch(/^smalltalk/);
      expect(r.topic).toBeNull();
      expect(r.text.length).toBeGreaterThan(5);
    }
  });
});

describe('bad input', () => {
  it.each([
    ['', 'input.empty'],
    ['   \n\t ', 'input.empty'],
    ['😀🎉👍', 'input.unreadable'],
    ['\u0000\u0007\u001b', 'input.unreadable'],
  ])('replies in French to %j', async (text, intent) => {
    const r = await ask(a, text);
    expect(r.intent).toBe(intent);
    expect(r.text).toMatch(/[a-zé]{4,}/);
  });

  it('cuts a 1 MB message with a polite note and still answers', async () => {
    const r = await ask(a, 'qui est le coordonnateur de Gironde ? ' + 'x'.repeat(1024 * 1024));
    expect(r.text).toMatch(/très long/);
    expect(r.text).toContain('DELSAUX');
  });

  it('reads through HTML, markdown and mention tricks', async () => {
    expect((await ask(a, '<b>**Qui**</b> est le <i>coordonnateur</i> des `Landes` ? @everyone <!channel>')).text).toContain('LOCHET');
  });
});
