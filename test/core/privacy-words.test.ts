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
    'mon jour de carence a été retenu sur ma fiche de paie',
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
  it('« ne retiens plus mon département » forgets the département only', async () => {
    const store = memoryStore();
    const who = { workspace: 'w', user: 'no-longer' };
    await play(
      testAssistant(store),
      `
      user> je suis RUPN en collège en Gironde
      user> ne retiens plus mon département
      bot> j’ai oublié votre département
    `,
      who,
    );
    const kept = await store.read<{ profile: Record<string, string> }>(PEOPLE, 'test:w:no-longer');
    expect(kept?.profile).toEqual({ niveau: 'college' });
  });

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

/** The replies a person sees when their data is shown: what is kept, and their rights with the door to the DPD. */
const SHOWN = /je ne garde ni l’historique ni le texte de vos messages/i;

describe('family 5: seeing what is kept, in the person’s own words', () => {
  it.each([
    'tu sais quoi de moi',
    'qu est ce que vous avez enregistré me concernant',
    'tu gardes mes messages ?',
    'qui lit ce que j’ecris ?',
    'est ce que la dane voit ce que je te demande',
    'mes conversations sont stockées où ?',
    'mes donnees vont ou',
    'elles partent ou mes infos ?',
    'je m’oppose au traitement de mes données',
    't’as gardé une trace de ce que j’ai dit hier ?',
    'mes questions sont elles anonymes',
    'tu fais quoi de mes données',
    'les questions que je pose, elles partent où ?',
    'tu revends mes infos ?',
    'est-ce que mes réponses sont transmises à mon chef d’établissement ?',
    'tu as mon nom ?',
    'vos données sont hébergées où ?',
    'vous conservez mes echanges ?',
    'tu me connais ?',
    'c’est confidentiel ?',
    'tu lis mes mails ?',
    'comment exercer mes droits rgpd',
    'tu gardes ça pendant combien de temps',
    'les questions que je pose sont-elles transmises à la DANE ?',
    'qu’est ce qui est enregistré quand je te parle ?',
    'mes infos perso sont protégées ?',
    'ce chatbot respecte le RGPD ?',
  ])('« %s » says what is kept, how long, and the person’s rights', async (text) => {
    const r = await ask(testAssistant(), text);
    expect(r.intent).toBe('privacy.show');
    expect(r.topic).toBeNull();
    expect(r.text).toMatch(SHOWN);
    expect(r.text).toMatch(/Après un an sans échange/);
    expect(r.text).toMatch(/Vos droits/);
    expect(r.text).toMatch(/n’est transmis à votre établissement ni à personne d’autre/);
    expect(r.text).toContain('dpd@ac-bordeaux.fr');
  });

  it.each([
    ['qu’as tu noté sur moi', 'college', '33', 'Gironde (33)'],
    ['quelles infos tu as sur moi', 'college', '24', 'Dordogne (24)'],
    ['je voudrais exercer mon droit d’acces', 'lycee', '33', 'Gironde (33)'],
    ['droit d acces a mes donnees stp', 'college', '47', 'Lot-et-Garonne (47)'],
    ['je veux récupérer mes données', 'lycee', '24', 'Dordogne (24)'],
    ['tu te souviens de moi ?', 'lycee', '47', 'Lot-et-Garonne (47)'],
    ['kesk tu sais sur moi', 'lycee', '64', '(64)'],
    ['c quoi mon profil chez toi', 'college', '24', 'Dordogne (24)'],
    ['tu as gardé mon département ?', 'college', '40', 'Landes (40)'],
    ['tu c koi de moi ?', 'lycee', '33', 'Gironde (33)'],
  ] as const)('« %s » shows the profile kept', async (text, niveau, departement, shown) => {
    const r = await ask(testAssistant(), text, { profile: { niveau, departement } });
    expect(r.intent).toBe('privacy.show');
    expect(r.text).toContain(shown);
    expect(r.text).toContain(niveau === 'lycee' ? 'lycée' : 'collège');
  });
});

describe('family 5: erasing, said plainly', () => {
  it.each([
    'vire mon profil de ta mémoire',
    'supprime mes données stp',
    'oublie moi',
    'je veux que tu m oublies',
    'je veux exercer mon droit a l’effacement',
    'degage mes infos de ta base',
    'je ne veux plus que tu gardes mes infos',
    'efface ce que je t’ai dit',
    'supprimez mon compte',
    'je souhaite que mes données soient supprimées',
    'supprime tout ce qui me concerne',
    'jveux que tu m’effaces',
    'arrête de garder mes questions',
    'ne garde plus rien sur moi',
  ])('« %s » erases at once', async (text) => {
    const store = memoryStore();
    const who = { workspace: 'w', user: 'erase-plain' };
    await play(
      testAssistant(store),
      `
        user> je suis RUPN dans un lycée des Landes
        user> ${text}
        bot> j’ai effacé tout ce que je gardais sur vous
      `,
      who,
    );
    expect(await store.read(PEOPLE, 'test:w:erase-plain')).toBeUndefined();
  });

  it.each(['tu peux tout effacer ?', 'supprime tout', 'remets a zero', 'vide ta memoire', 'efface tt', 'reinitialise toi'])(
    '« %s » is confirmed once before erasing',
    async (text) => {
      const r = await ask(testAssistant(), text, { profile: { niveau: 'college', departement: '64' } });
      expect(r.intent).toBe('privacy.confirm');
      expect(r.text).toMatch(/Voulez-vous que j’efface tout ce que je garde sur vous/);
    },
  );
});

describe('family 5: stopping the reminders and the digest in plain words', () => {
  it.each([
    'je ne veux plus recevoir tes messages',
    'stop les notifs',
    'j’en ai marre de tes rappels, stop',
    'ne m’écris plus',
    'retire moi de la liste de diffusion',
    'annule mes rappels',
    'merci de ne plus m’envoyer de rappels',
    'comment je fais pour ne plus recevoir tes messages ?',
    'arrete de m’envoyer des trucs',
  ])('« %s » stops every sending, and erases nothing else', async (text) => {
    const store = memoryStore();
    const who = { workspace: 'w', user: 'unsub-plain', profile: { niveau: 'college' as const, departement: '33' } };
    await play(
      testAssistant(store),
      `
        user> abonne-moi au digest
        bot> digest
        user> ${text}
        bot> vous ne recevrez plus rien de ma part
      `,
      who,
    );
    const kept = await store.read<{ subscriptions: unknown[]; profile: Record<string, string> }>(PEOPLE, 'test:w:unsub-plain');
    expect(kept?.subscriptions).toEqual([]);
    expect(kept?.profile.departement).toBe('33');
  });

  it('« plus de digest merci » stops the digest only', async () => {
    const r = await ask(testAssistant(), 'plus de digest merci');
    expect(r.intent).toBe('schedule.unsubscribed');
  });
});

describe('family 5: questions on data that are the school’s, not the assistant’s', () => {
  it.each([
    ['le RGPD s’applique aux ENT ?', 'rgpd'],
    ['qui est le DPD de l’academie ?', 'dpd'],
    ['les donnees des eleves sont stockees ou dans l’ENT', 'rgpd'],
    ['le registre des traitements rgpd du college, qui le tient ?', 'rgpd'],
    ['quels outils respectent le rgpd pour faire des visios avec les eleves', 'rgpd'],
    ['est ce que je dois informer les parents quand j’utilise une appli qui collecte des données ?', 'rgpd'],
  ])('« %s » is answered by the knowledge base', async (text, topic) => {
    const r = await ask(testAssistant(), text);
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toBe(topic);
  });

  it.each([
    'comment supprimer un compte ENT d’un eleve parti',
    'desinscrire un eleve de pix',
    'comment effacer les donnees d’une tablette avant de la rendre',
    'ou sont hebergees les donnees de nextcloud apps education',
    'je veux supprimer une ressource affectée par erreur dans le GAR',
    'comment retirer un enseignant du groupe RESP-AFFECT-GAR',
    'qui peut voir les données des élèves dans Pix orga',
    'c’est quoi mon role dans la protection des donnees au college',
    'comment se désinscrire d’un parcours magistere',
    'comment arreter les notifications de pronote sur mon telephone',
    'je veux retirer un élève de la liste de diffusion de la classe',
    'tu as le numero de mon coordo',
    'remettre a zero le mot de passe d’un eleve',
    'la mission de RUPN, c’est confidentiel ?',
    'j’ai une question sur mes droits en tant que RUPN',
    'comment garder une trace des formations suivies par les collegues',
    'je dois conserver les autorisations de droit a l’image combien de temps ?',
    'qui voit mes reponses dans Pix ?',
    'les questions que je pose aux eleves dans pix sont elles enregistrees ?',
    'utiliser l’IA en classe est conforme au rgpd ?',
    'comment ne plus recevoir les mails de la liste lyccon',
    'merci de ne plus m’envoyer le lien, je l’ai',
    'tu connais le coordo de mon département ?',
  ])('« %s » is neither shown, erased nor unsubscribed', async (text) => {
    const r = await ask(testAssistant(), text, { profile: { niveau: 'lycee', departement: '33' } });
    expect(r.intent).not.toMatch(/^(privacy|schedule|smalltalk)/);
  });
});

describe('family 5: typos and missing accents', () => {
  it.each([
    ['tu garde mes donné ?', 'privacy.show'],
    ['tu stoque mes infos ?', 'privacy.show'],
    ['tu conserv mes messag ?', 'privacy.show'],
    ['ke sais tu sur moi', 'privacy.show'],
    ['desabone moi', 'schedule.unsubscribed'],
    ['arete les rapels', 'schedule.unsubscribed'],
  ])('« %s » is understood', async (text, intent) => {
    expect((await ask(testAssistant(), text)).intent).toBe(intent);
  });

  it.each(['efface mes donées', 'suprime mes infos', 'suprimer mon profile', 'oubli moi'])('« %s » erases', async (text) => {
    const store = memoryStore();
    const who = { workspace: 'w', user: 'typo-erase' };
    await play(testAssistant(store), `user> je suis RUPN dans un collège du Lot-et-Garonne\nuser> ${text}\nbot> j’ai effacé`, who);
    expect(await store.read(PEOPLE, 'test:w:typo-erase')).toBeUndefined();
  });

  it.each([
    'comment suprimer un compte eleve',
    'efacer les donées d’une tablette',
    'desinscrir un eleve de pix',
    'mes collegues veulent suprimer leurs cours sur moodle',
    'comment arreter les notifs de l’ENT sur le telephone',
    'la conservation des copies numériques, combien de temps ?',
  ])('« %s », with typos, is still a question for the knowledge base', async (text) => {
    expect((await ask(testAssistant(), text)).intent).not.toMatch(/^(privacy|schedule|smalltalk)/);
  });
});
