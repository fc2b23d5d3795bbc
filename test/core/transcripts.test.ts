import { describe, expect, it } from 'vitest';
import { PEOPLE } from '../../src/state/people.js';
import { memoryStore } from '../../src/state/store.js';
import { play, testAssistant } from '../helpers/assistant.js';

describe('profile learning', () => {
  it('remembers who is speaking and answers for them', async () => {
    await play(
      testAssistant(),
      `
      user> je suis référente numérique dans un lycée des Pyrénées-Atlantiques
      bot> C’est noté : lycée, Pyrénées-Atlantiques
      user> qui est mon coordonnateur départemental ?
      bot> DEZEST
      bot!> LOCHET
      user> et pour désigner les responsables d'affectation GAR ?
      bot> RESP-AFFECT-GAR
      bot!> DÉCADE
      `,
    );
  });

  it('learns and answers in the same message', async () => {
    await play(
      testAssistant(),
      `
      user> Je suis RUPN dans un collège de Dordogne, qui est mon coordo ?
      bot> noté
      bot> LÉMONIE
      `,
    );
  });

  it('asks for the département when the answer depends on it, then answers the follow-up', async () => {
    const [first] = await play(
      testAssistant(),
      `
      user> qui est mon coordonnateur ?
      bot> Dans quel département
      user> Landes
      bot> LOCHET
      user> et le mail de mon coordo ?
      bot> sebastien.Lochet@ac-bordeaux.fr
      `,
    );
    expect(first.messages[0].choices?.map((c) => c.label)).toContain('Gironde (33)');
  });

  it('accepts the number of a listed département', async () => {
    await play(
      testAssistant(),
      `
      user> mon coordonnateur DANE
      bot> Dans quel département
      user> 2
      bot> DELSAUX
    `,
    );
  });

  it('lets a new question through instead of insisting on the département', async () => {
    await play(
      testAssistant(),
      `
      user> qui est mon coordonnateur ?
      bot> Dans quel département
      user> c'est quoi le GAR ?
      bot> ressources
    `,
    );
  });
});

describe('personal data', () => {
  it('shows what is kept and erases all of it on request', async () => {
    const store = memoryStore();
    const a = testAssistant(store);
    const who = { platform: 'test', workspace: 'w', user: 'rgpd-1' };
    await play(
      a,
      `
      user> mes données
      bot> Je ne garde rien sur vous
      user> je suis RUPN en collège en Gironde
      user> mes données
      bot> Profil : collège, Gironde (33)
      bot> Je ne garde ni l’historique ni le texte de vos messages
      user> oublie-moi
      bot> j’ai effacé tout ce que je gardais sur vous
      user> mes données
      bot> Je ne garde rien sur vous
      `,
      who,
    );
    expect(await store.read(PEOPLE, 'test:w:rgpd-1')).toBeUndefined();
  });

  it('keeps nothing for a one-off anonymous question', async () => {
    const store = memoryStore();
    const a = testAssistant(store);
    await a.handle({ platform: 'test', workspace: 'w', user: 'once', conversation: 'c', text: 'c’est quoi le GAR ?' });
    expect(await store.read(PEOPLE, 'test:w:once')).toBeUndefined();
  });
});

describe('profile learning: where the person no longer is', () => {
  it('« je ne suis plus en Gironde, je suis dans les Landes » keeps the Landes, not the Gironde', async () => {
    await play(
      testAssistant(),
      `
      user> je ne suis plus en Gironde, je suis dans les Landes
      bot> C’est noté : Landes
      user> mes données
      bot> Landes (40)
      bot!> Gironde
    `,
    );
  });

  it('« je ne suis plus en Gironde » alone forgets it and asks where the person is now', async () => {
    await play(
      testAssistant(),
      `
      user> je suis en collège en Gironde
      user> je ne suis plus en Gironde
      bot> C’est noté, j’oublie : Gironde. Où êtes-vous maintenant ?
      user> mes données
      bot> Profil : collège
      bot!> Gironde
    `,
    );
  });

  it('« je suis en lycée, pas en collège », « je ne suis pas en collège mais en lycée » keep the lycée', async () => {
    for (const text of ['en fait je suis en lycée, pas en collège', 'je ne suis pas en collège mais en lycée']) {
      const [r] = await play(testAssistant(), `user> ${text}\nbot> C’est noté : lycée.`);
      expect(r.intent).toBe('profile.update');
    }
  });

  it('« je viens d’être muté en Dordogne » says where the person is (no career question)', async () => {
    await play(testAssistant(), 'user> je viens d’être muté en Dordogne\nbot> C’est noté : Dordogne.');
  });

  it('« je veux corriger mon département » shows what is kept and how to correct it', async () => {
    await play(
      testAssistant(),
      `
      user> je suis en lycée dans le 47
      user> je me suis trompé de département
      bot> Lot-et-Garonne (47)
      bot> redites-moi votre profil pour le corriger
    `,
    );
  });
});

describe('a newcomer who asks where to start', () => {
  it('« je prends la mission de RUPN en lycée dans les Landes, par où je commence ? » gets the first steps, profile kept', async () => {
    const [r] = await play(
      testAssistant(),
      `
      user> je prends la mission de RUPN en lycée dans les Landes, par où je commence ?
      bot> C’est noté : lycée, Landes.
      bot> Bienvenue dans la fonction !
      bot> qui est mon coordonnateur ?
      bot!> Voici les deux
    `,
    );
    expect(r.intent).toBe('profile.welcome');
  });
});

describe('follow-ups', () => {
  it('« et pour … ? » re-answers the last topic for another département or niveau', async () => {
    await play(
      testAssistant(),
      `
      user> qui est le coordonnateur de Gironde ?
      bot> DELSAUX
      user> et pour les Landes ?
      bot> LOCHET
      bot!> DELSAUX
      user> où désigner les RA du GAR en collège ?
      bot> DÉCADE
      bot!> RESP-AFFECT-GAR
      user> et en lycée ?
      bot> RESP-AFFECT-GAR
      bot!> DÉCADE
      user> outil pour recueillir les copies en collège
      bot> MÉDIATHÈQUE
      user> et au lycée ?
      bot> CASIER
      bot!> MÉDIATHÈQUE
    `,
    );
  });

  it('« et en lycée ? » after a page only for collèges gets the lycées’ own page', async () => {
    await play(
      testAssistant(),
      `
      user> quel est l'ENT des collèges ?
      bot> OSÉ, l’ENT des collèges
      user> et en lycée ?
      bot> Lycée connecté, l’ENT des lycées
      bot!> Cette fiche concerne les collèges
    `,
    );
  });

  it('« l’adresse ? », « et son mail ? » right after an answer ask where to find that same page, for the place it named', async () => {
    await play(
      testAssistant(),
      `
      user> c’est quoi ARENA ?
      bot> portailrh.ac-bordeaux.fr
      user> l’adresse ?
      bot> Le portail ARÉNA
      bot> portailrh.ac-bordeaux.fr
      bot!> webmail
      user> qui est le coordo en gironde ?
      bot> DELSAUX
      user> et son mail ?
      bot> lionel.delsaux@ac-bordeaux.fr
      bot!> Dans quel département
    `,
    );
    // with nothing answered before, « l’adresse ? » is read as a question of its own
    const [first] = await play(testAssistant(), 'user> l’adresse ?');
    expect(first.topic).not.toBe('arena');
  });

  it('a bare département gets its coordinator, and no profile is stored for it', async () => {
    const store = memoryStore();
    await play(
      testAssistant(store),
      `
      user> Pyrénées-Atlantiques
      bot> DEZEST
    `,
      { workspace: 'w', user: 'bare-dep' },
    );
    expect(await store.read(PEOPLE, 'test:w:bare-dep')).toBeUndefined();
  });
});
