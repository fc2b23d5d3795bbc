import { describe, expect, it } from 'vitest';
import { PEOPLE } from '../../src/state/people.js';
import { memoryStore } from '../../src/state/store.js';
import { ask, play, testAssistant } from '../helpers/assistant.js';

describe('privacy in plain words', () => {
  it.each([
    'dis-moi ce que tu sais de moi',
    'tu gardes quoi comme infos me concernant ?',
    'est ce que tu stockes mes messages',
    'montre moi mon profil stp',
  ])('shows what is kept for « %s »', async (text) => {
    const r = await ask(testAssistant(), text, { profile: { niveau: 'lycee', departement: '40' } });
    expect(r.intent).toBe('privacy.show');
    expect(r.text).toContain('Landes (40)');
    expect(r.topic).toBeNull();
  });

  it.each([
    'est-ce que tu gardes une trace de nos conversations ?',
    'qu’est-ce que tu enregistres au juste ?',
    't’as quoi comme infos sur moi',
    'c’est confidentiel ce que je vous écris ?',
    'mes questions sont lues par quelqu’un à la DANE ?',
    'je souhaite exercer mon droit de rectification',
    'tu me surveilles ?',
  ])('explains what is kept for « %s », even with nothing kept', async (text) => {
    const r = await ask(testAssistant(), text);
    expect(r.intent).toBe('privacy.show');
    expect(r.text).toMatch(/je ne garde ni l’historique ni le texte de vos messages/i);
  });

  it.each([
    'comment supprimer un compte élève dans l’ENT ?',
    'les données des élèves dans Pronote sont-elles protégées ?',
    'dis-moi ce que tu sais sur le PAF',
  ])('leaves « %s » to the knowledge base', async (text) => {
    expect((await ask(testAssistant(), text)).intent).not.toMatch(/^privacy/);
  });

  it('does not read a question that merely says « moi » as a privacy request', async () => {
    const r = await ask(testAssistant(), 'tu sais si moi je peux demander une FIL ?');
    expect(r.intent).not.toMatch(/^privacy/);
  });

  it.each([
    'efface tout ce que tu as retenu sur moi',
    'je ne veux pas que tu conserves quoi que ce soit me concernant',
    'retire mes infos de ta memoire',
    'efface ma fiche',
    'je demande la suppression de mes données',
    'je retire mon consentement, vire moi de ta base',
  ])('erases at once for an explicit « %s »', async (text) => {
    const store = memoryStore();
    const who = { workspace: 'w', user: 'plain-erase' };
    await play(
      testAssistant(store),
      `
        user> je suis RUPN dans un collège de Dordogne
        user> ${text}
        bot> effacé
      `,
      who,
    );
    expect(await store.read(PEOPLE, 'test:w:plain-erase')).toBeUndefined();
  });

  it.each(['je veux que tu oublies tout', 'tu peux tout oublier stp', 'oubliez tout'])(
    'asks once before erasing for a vague « %s »',
    async (text) => {
      const r = await ask(testAssistant(), text, { profile: { niveau: 'lycee' } });
      expect(r.intent).toBe('privacy.confirm');
    },
  );

  it('confirms a vague « efface tout » once, and erases only on « oui »', async () => {
    const store = memoryStore();
    const who = { workspace: 'w', user: 'vague' };
    await play(
      testAssistant(store),
      `
      user> je suis RUPN dans un lycée de Gironde
      user> tu peux tout supprimer ?
      bot> Voulez-vous que j’efface tout ce que je garde sur vous
      user> non
      bot> je n’efface rien
      user> efface tout
      bot> Voulez-vous que j’efface
    `,
      who,
    );
    expect(await store.read(PEOPLE, 'test:w:vague')).toBeDefined();
    await play(
      testAssistant(store),
      `
      user> oui
      bot> j’ai effacé tout ce que je gardais sur vous
    `,
      who,
    );
    expect(await store.read(PEOPLE, 'test:w:vague')).toBeUndefined();
  });

  it('erases without asking again when « efface ça » follows what was just shown', async () => {
    const store = memoryStore();
    const who = { workspace: 'w', user: 'shown' };
    await play(
      testAssistant(store),
      `
      user> j'enseigne dans un collège des Landes
      user> qu'est-ce que tu as gardé sur moi ?
      bot> Landes
      user> bon, supprime ça
      bot> effacé
      user> tu sais encore quelque chose sur moi ?
      bot> Je ne garde rien sur vous
    `,
      who,
    );
  });
});

describe('forgetting one part of the profile', () => {
  it('« oublie où je travaille » forgets the département and keeps the niveau', async () => {
    const store = memoryStore();
    const who = { workspace: 'w', user: 'part' };
    await play(
      testAssistant(store),
      `
      user> je suis RUPN en lycée dans les Landes
      user> oublie où je travaille
      bot> j’ai oublié votre département
      user> tu sais quoi sur moi ?
      bot> lycée
    `,
      who,
    );
    const kept = await store.read<{ profile: Record<string, string> }>(PEOPLE, 'test:w:part');
    expect(kept?.profile).toEqual({ niveau: 'lycee' });
  });
});
