import { describe, expect, it } from 'vitest';
import { ask, flat, testAssistant } from '../helpers/assistant.js';

const a = testAssistant();
const HORS_SUJET = /je ne peux pas vous aider sur ce sujet/i;

describe('family 8: out of scope with a guide word, refused with the right service', () => {
  it.each([
    ['je voudrais un conge formation pour preparer l’agreg', 'gestionnaire au rectorat'],
    ['congé de formation pro, combien de mois payés ?', 'gestionnaire au rectorat'],
    ['combien de jours de carence si je suis malade', 'gestionnaire au rectorat'],
    ['je demande ma mutation en inter academique, ca marche comment', 'gestionnaire au rectorat'],
    ['mutation inter acad, quand ouvre le serveur ?', 'gestionnaire au rectorat'],
    ['mon salaire a baissé ce mois-ci pourquoi', 'gestionnaire au rectorat'],
    ['quand est versée la paie de decembre', 'gestionnaire au rectorat'],
    ['formation pour passer le CAPES interne, j’ai droit a des jours ?', 'gestionnaire au rectorat'],
    ['mon indemnite de prof principal n’est pas arrivée', 'gestionnaire au rectorat'],
    ['je veux passer à temps partiel l’an prochain', 'gestionnaire au rectorat'],
    ['rendez vous de carriere ca se prepare comment', 'gestionnaire au rectorat'],
    ['le bal de fin d annee du cvl c est autorisé ?', 'le CPE pour la vie scolaire'],
    ['c’est quoi le menu de la cantine demain', 'le gestionnaire pour la cantine'],
    ['les tarifs de la cantine du college', 'le gestionnaire pour la cantine'],
    ['qui fait les emplois du temps', 'votre chef d’établissement'],
    ['comment remonter la moyenne d’un eleve en difficulte', 'le professeur principal'],
    ['quelle appréciation mettre au bulletin de mes 3e', 'le professeur principal'],
    ['je veux changer d’académie l’an prochain', 'gestionnaire au rectorat'],
    ['jour de carence et grève, c’est pareil ?', 'gestionnaire au rectorat'],
    ['inscription à la cantine en cours d’année', 'le gestionnaire pour la cantine'],
    ['les élus du conseil de vie lycéenne veulent une soirée de noël', 'le CPE pour la vie scolaire'],
    ['un élève conteste sa note de contrôle, je fais quoi', 'le professeur principal'],
  ])('« %s » is refused, with « %s »', async (text, door) => {
    const r = await ask(a, text);
    expect(r.topic).toBeNull();
    expect(r.text).toMatch(HORS_SUJET);
    expect(r.text).toContain(door);
    expect(r.text).not.toMatch(/Vouliez-vous dire/);
  });

  it('the career door names the académie’s staff portal', async () => {
    expect((await ask(a, 'combien de jours de carence si je suis malade')).text).toContain('portail ARÉNA');
  });

  it.each(['certif voltaire pour mes eleves comment les inscrire', 'mon ordi perso est hyper lent'])(
    '« %s », in no service the assistant knows, is refused plainly',
    async (text) => {
      const r = await ask(a, text);
      expect(r.topic).toBeNull();
      expect(r.text).toMatch(HORS_SUJET);
    },
  );

  it.each([
    'les élèves ne voient pas leurs notes dans l’ENT',
    'un voyage scolaire avec les tablettes, quelle appli pour le carnet de voyage',
    'la note de service sur le RUPN',
  ])('« %s » names the guide’s business: never the door of another service', async (text) => {
    const r = await ask(a, text);
    expect(r.text).not.toMatch(/ne relèvent? pas de la mission de RUPN|n’est pas du ressort du RUPN/);
  });
});

describe('family 8: another language gets a short reply in English', () => {
  it.each([
    'Where do I find the ENT login page?',
    'How do I reset my password?',
    'hola, necesito ayuda con el ENT',
    'Guten Tag, wie funktioniert der GAR?',
    'sorry I don’t speak French',
    'good morning',
    'thank you',
  ])('« %s »', async (text) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('smalltalk.english');
    expect(r.text).toMatch(/I can only answer in French/);
    expect(r.topic).toBeNull();
  });
});

describe('family 8: two French words that English also writes stay French', () => {
  it('« on a » is not English', async () => {
    expect((await ask(a, 'on a')).intent).not.toBe('smalltalk.english');
  });
  it('« qui a accès à schematic » is a French question (« a », « à » are English too, « qui » is not)', async () => {
    const r = await ask(a, 'qui a accès à schematic');
    expect(r.topic).toBe('schematic');
    expect(r.text).toMatch(/délégation/);
  });
});

describe('family 8: courtesy gets a fitting short reply', () => {
  it.each([
    'merci !!',
    'merci c top',
    'super merci beaucoup bonne soirée',
    'parfait, a+',
    'ok super',
    'mercii',
    'ok cool',
    'd’acc',
    'trop bien merci',
  ])('thanks « %s »', async (text) => {
    const r = await ask(a, text);
    expect(r.intent).toMatch(/^smalltalk\.(thanks|ack|bye)$/);
    expect(r.text).not.toMatch(HORS_SUJET);
  });

  it.each(['bye bye', 'je te laisse, bonne soiree', 'bonne journee a vous', 'allez, je vous laisse, à demain', 'a+', 'au revoir et merci'])(
    'goodbye « %s »',
    async (text) => {
      const r = await ask(a, text);
      expect(r.intent).toMatch(/^smalltalk\.(bye|thanks)$/);
      expect(r.text).toMatch(/Au revoir|Avec plaisir/);
    },
  );

  it.each(['URGENT URGENT', 'c’est urgent svp repondez'])('urgency « %s » is asked what it is about', async (text) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('smalltalk.urgent');
    expect(flat(r.text)).toContain('signaler une panne');
  });

  it.each(['urgent : le GAR ne marche plus', 'urgent : plus d’internet dans tout le bâtiment B'])(
    'urgency that says what « %s » gets an answer',
    async (text) => {
      expect((await ask(a, text)).intent).toBe('kb.answer');
    },
  );

  it.each([
    't’es vraiment con',
    'ta reponse est nulle',
    'mais c’est n’importe quoi ce bot',
    'tu comprends rien',
    'ptn t’es nul',
    'ça marche pas ton truc',
    'tu m’aides pas du tout',
  ])('displeasure « %s » gets an apology and the human door', async (text) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('smalltalk.sorry');
    expect(r.text).toMatch(/coordonnateur départemental/);
  });

  it.each(['wifi pourri', 'c’est nul, le wifi ne marche pas en salle 12', 'ça marche pas ce truc, l’ENT plante'])(
    '« %s » is a problem to solve, not displeasure',
    async (text) => {
      expect((await ask(a, text)).intent).not.toBe('smalltalk.sorry');
    },
  );

  it.each([
    't’es une IA ?',
    'qui t’a créé ?',
    'je parle a un humain ?',
    'c’est chatgpt ?',
    'tu t’appelles comment',
    'c’est qui qui t’a fait',
    'on parle à une IA là ?',
    'Qui a développé cet assistant ?',
    'est-ce une intelligence artificielle ?',
    't’es qui toi ?',
  ])('« %s » is told what the assistant is, and who to talk to', async (text) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('smalltalk.who');
    expect(r.text).toMatch(/un programme, pas une personne/);
    expect(r.text).toMatch(/coordonnateur départemental/);
  });

  it.each([
    'au revoir padlet, quoi utiliser à la place ?',
    'robot de programmation pour le college, lequel acheter',
    'merci de bien vouloir me donner le contact de l’assistance',
    'merci d’avance pour le lien de la console',
    'bonne journee, et pour le GAR ?',
    'y a une personne a contacter pour pix ?',
  ])('« %s » is a question, not courtesy', async (text) => {
    expect((await ask(a, text)).intent).not.toMatch(/^smalltalk/);
  });
});

describe('family 8: courtesy with typos', () => {
  it.each([
    ['merçi bcp', 'smalltalk.thanks'],
    ['mrc', 'smalltalk.thanks'],
    ['aurevoir', 'smalltalk.bye'],
    ['au revoire', 'smalltalk.bye'],
    ['tes un robot ?', 'smalltalk.who'],
    ['t nul', 'smalltalk.sorry'],
  ])('« %s »', async (text, intent) => {
    expect((await ask(a, text)).intent).toBe(intent);
  });

  it('« aurevoir padlet, bonjour digipad ? » is a question', async () => {
    expect((await ask(a, 'aurevoir padlet, bonjour digipad ?')).intent).not.toMatch(/^smalltalk/);
  });
});

describe('family 8: the short replies the assistant gave before are kept', () => {
  it.each([
    ['a plus', 'smalltalk.bye'],
    ['salut a plus', 'smalltalk.bye'],
    ['bonne nuit a vous', 'smalltalk.bye'],
    ['pas terrible ta reponse', 'smalltalk.sorry'],
    ['cela ne sert a rien', 'smalltalk.sorry'],
  ])('« %s »', async (text, intent) => {
    expect((await ask(a, text)).intent).toBe(intent);
  });
});
