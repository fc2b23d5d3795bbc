import { describe, expect, it } from 'vitest';
import { ask, flat, play, testAssistant } from '../helpers/assistant.js';

const a = testAssistant();
const HORS_SUJET = /je ne peux pas vous aider sur ce sujet/i;

describe('family 3: a country named in passing is where a class goes, not where the person works', () => {
  it('a trip abroad in a need gets the tools', async () => {
    const r = await ask(a, 'faire un journal en ligne du voyage en Espagne');
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toBe('outils.creer-contenus');
  });

  it.each(['je suis au lycée français de Madrid', 'prof en Espagne', 'je suis en Espagne, l’ENT ?'])(
    '« %s » is still told it is outside the académie',
    async (text) => {
      expect((await ask(a, text)).intent).toBe('place.outside');
    },
  );
});

describe('family 4: the same question for two départements', () => {
  it('« coordo 47 et coordo 40 » names both coordinators', async () => {
    const r = await ask(a, 'coordo 47 et coordo 40');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toContain('VIEIRA');
    expect(r.text).toContain('LOCHET');
  });
});

describe('family 6: a newcomer who asks nothing yet', () => {
  it.each(['bonjour, je suis nouvelle', 'je débute comme référente numérique', 'jsuis nouveau rupn'])(
    '« %s » is welcomed and asked for niveau and département, with first questions to try',
    async (text) => {
      const r = await ask(a, text);
      expect(r.intent).toBe('profile.welcome');
      expect(flat(r.text)).toContain('college ou en lycee');
      expect(r.topic).toBeNull();
    },
  );

  it('a newcomer whose school is known is not asked for it again', async () => {
    const [, welcome] = await play(
      a,
      `user> RUPN au collège de Dax
       user> je suis nouvelle dans la fonction
       bot> Bienvenue
       bot!> collège ou en lycée`,
    );
    expect(welcome.intent).toBe('profile.welcome');
  });

  it('a question after the introduction is answered alone', async () => {
    const [, r] = await play(
      a,
      `user> je travaille dans un collège des Landes
       user> je suis nouveau, qui est mon coordo ?
       bot> LOCHET`,
    );
    expect(r.topic).toBe('coordonnateurs');
  });

  it('a newcomer with a question on a subject gets the answer', async () => {
    const r = await ask(a, 'je suis nouvelle, je suis perdue avec le GAR');
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toMatch(/^gar\./);
  });
});

describe('family 8: displeasure, trying it out, emoji', () => {
  it.each(['je ne comprends pas ta réponse', 'merci mais ça ne répond pas à ma question', 'nul, tu comprends rien'])(
    '« %s » gets an apology and another way to ask, not a page',
    async (text) => {
      const r = await ask(a, text);
      expect(r.intent).toBe('smalltalk.sorry');
      expect(r.topic).toBeNull();
    },
  );

  it.each(['test', 'tu es là ?'])('« %s » gets a greeting', async (text) => {
    expect((await ask(a, text)).intent).toBe('smalltalk.hello');
  });

  it('« tu sers à quoi » says what the assistant is', async () => {
    expect((await ask(a, 'tu sers à quoi')).intent).toBe('smalltalk.who');
  });

  it.each(['👍', '🙏🏼', '👍👍 !'])('« %s » is a thank-you', async (text) => {
    expect((await ask(a, text)).intent).toBe('smalltalk.thanks');
  });

  it('an emoji that says nothing is still asked for words', async () => {
    expect((await ask(a, '🤔')).intent).toBe('input.unreadable');
  });
});

describe('family 8: another service’s words on a page that never uses them', () => {
  it.each([
    ['prime d’équipement informatique, je l’ai pas reçue', /carrière/],
    ['je veux un congé formation', /carrière/],
    ['qui est le coordonnateur ULIS du collège', /vie de l’établissement/],
    ['le référent harcèlement', /vie de l’établissement/],
  ])('« %s » is sent to its service', async (text, door) => {
    const r = await ask(a, text);
    expect(r.text).toMatch(HORS_SUJET);
    expect(r.text).toMatch(door);
    expect(r.topic).toBeNull();
  });

  it('a career question in the guide’s words gets no page that does not speak of it', async () => {
    const r = await ask(a, 'un congé formation pour suivre un master en numérique éducatif');
    expect(r.topic).toBeNull();
  });

  it('« le menu de l’ENT » is the ENT, not the canteen', async () => {
    const r = await ask(a, 'je ne trouve pas le menu de l’ENT pour envoyer un message');
    expect(r.text).not.toMatch(/cantine/);
  });

  it('a page that uses the word stands (the IMP page says « indemnité »)', async () => {
    const r = await ask(a, 'l’indemnité du référent numérique c’est combien ?');
    expect(r.topic).toBe('rupn.indemnite');
  });

  it.each([
    ['faire cours à distance pendant une grève des transports', /^outils\.(visio-eleves|via|cned)$/],
    ['prévenir les familles d’une sortie scolaire', /^outils\.communiquer$/],
  ])('a clear need that mentions such a word is answered: « %s »', async (text, topic) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toMatch(topic);
  });

  it('« qui est mon coordo » is still asked for the département, and its answer still works', async () => {
    const [q] = await play(
      a,
      `user> qui est mon coordo
       user> 33
       bot> DELSAUX`,
    );
    expect(q.intent).toBe('kb.clarify');
  });
});

describe('family 8: a person’s own device or account', () => {
  it.each([
    'mon ordinateur personnel est en panne, qui peut le réparer ?',
    'la box de chez moi ne marche plus',
    'ma messagerie perso est piratée',
  ])('« %s » is not the school’s assistance', async (text) => {
    const r = await ask(a, text);
    expect(r.text).toMatch(/matériel et vos comptes personnels/);
    expect(r.topic).toBeNull();
  });

  it('the school’s computer is', async () => {
    const r = await ask(a, 'les ordinateurs de la salle info sont en panne, qui contacter ?');
    expect(r.intent).toBe('kb.answer');
    expect(r.text).not.toMatch(/comptes personnels/);
  });
});

describe('a single word that one page clearly owns is not vague', () => {
  it('« qcm » among other words gets the activities page, not a menu', async () => {
    const r = await ask(a, 'je cherche un truc pour faire des qcm a mes 5e');
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toBe('outils.ressources');
  });

  it('« formation » alone still asks which', async () => {
    expect((await ask(a, 'formation')).intent).toBe('fallback.suggest');
  });
});

describe('family 3: the pays people name instead of a département', () => {
  it.each([
    ['je suis dans le Médoc, mon coordo c’est qui', 'DELSAUX'],
    ['collège en Chalosse, qui est mon coordo', 'LOCHET'],
    ['rupn dans l’Agenais, mon coordo ?', 'VIEIRA'],
    ['rupn sur la côte basque, mon interlocuteur dane ?', 'DEZEST'],
  ])('« %s » names %s', async (text, name) => {
    expect((await ask(a, text)).text).toContain(name);
  });
});

describe('family 4: one page for each niveau', () => {
  it('« l’ENT du collège et celui du lycée » gives OSÉ and Lycée connecté', async () => {
    const r = await ask(a, 'l’ENT du collège et celui du lycée, c’est quoi ?');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toContain('OSÉ');
    expect(r.text).toContain('Lycée connecté');
  });
});

describe('a flow starts only when it is what the message is about', () => {
  it('« des tablettes, comment faire la demande » is the equipment page, not the FIL form', async () => {
    const r = await ask(a, 'on voudrait des tablettes pour une classe, comment faire la demande');
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toBe('equipement.campagnes');
  });

  it('two questions, the second about a flow, get two answers rather than the form', async () => {
    const r = await ask(a, 'la certif pix c est quand et le fil comment on le demande');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toContain('FIL');
    expect(r.text).toContain('Pix');
  });

  it('« je voudrais faire une demande de formation pour l’équipe » still starts it', async () => {
    expect((await ask(a, 'je voudrais faire une demande de formation pour l’équipe')).intent).toBe('flow.start');
  });
});

describe('family 8: the school’s other staff', () => {
  it.each([
    'une assistante sociale pour un élève en difficulté, à qui je m’adresse',
    'l’infirmière du collège est absente, qui la remplace ?',
  ])('« %s » is not the IT assistance', async (text) => {
    const r = await ask(a, text);
    expect(r.text).toMatch(HORS_SUJET);
    expect(r.topic).toBeNull();
  });
});

describe('family 8: a thing named that the guide never mentions', () => {
  it.each([
    'la certification Voltaire pour mes élèves de 3e',
    'le logiciel Scratch, on l’installe comment ?',
    'la certification en langue Cambridge pour mes élèves',
    'la plateforme de maths Kwyk',
  ])('« %s » is said to be unknown, with a human to ask, rather than another page', async (text) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('fallback');
    expect(r.topic).toBeNull();
    expect(r.text).toMatch(/Je ne connais pas « (Voltaire|Scratch|Cambridge|Kwyk) »/);
    expect(r.text).toMatch(/coordonnateur/);
  });

  it.each([
    ['la certification Pix pour mes élèves', 'pix.certification'],
    ['l’application Pronote', 'outils.pronote'],
    ['formation Magistère', 'magistere'],
  ])('a name the guide knows is answered: « %s »', async (text, topic) => {
    expect((await ask(a, text)).topic).toBe(topic);
  });

  it('the lift is the building’s maintenance, not the computers’', async () => {
    const r = await ask(a, 'la maintenance de l’ascenseur du lycée, à qui s’adresser');
    expect(r.text).toMatch(HORS_SUJET);
  });
});

describe('family 4: a comparison with a tool the guide does not know', () => {
  it('« mediacad vs peertube » answers Médiacad and says PeerTube is unknown', async () => {
    const r = await ask(a, 'mediacad vs peertube');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toContain('MÉDIACAD');
    expect(r.text).toMatch(/Je ne connais pas « peertube »/);
  });
});

describe('family 4: names listed, one question for them all', () => {
  it.each([
    ['la LINE, le café numérique, c’est quoi ?', ['LINE', 'café numérique']],
    ['pix, magistère : c’est quoi ces trucs ?', ['Pix', 'Magistère']],
    ['coordos landes + lot et garonne', ['LOCHET', 'VIEIRA']],
  ])('« %s » answers each', async (text, names) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('kb.multi');
    for (const name of names) expect(r.text).toContain(name);
  });

  it('a greeting before one name is still one question', async () => {
    const r = await ask(a, 'Salut, la LINE c’est quoi');
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toBe('line');
  });
});

describe('family 1: a failure that keeps coming back', () => {
  it('gets where to report it and, in short, who maintains the network; « 1 » shows that page', async () => {
    const [r] = await play(
      a,
      `user> le réseau plante tout le temps dans le bâtiment B
       bot> AMÉRANA
       bot> département pour les collèges
       user> 1
       bot> Qui assure la maintenance informatique`,
    );
    expect(r.topic).toBe('assistance');
  });
});

describe('family 6: whom to ask, and nothing else said', () => {
  it('« …d’un collège girondin : qui contacter ? » names the Gironde coordinator', async () => {
    const r = await ask(a, 'Référent numérique d’un collège girondin : qui contacter ?');
    expect(r.text).toContain('DELSAUX');
  });

  it('« qui contacter ? » alone asks for the département, for the coordinator', async () => {
    const r = await ask(a, 'qui contacter ?');
    expect(r.topic).toBe('coordonnateurs');
  });

  it('« qui contacter pour une panne ? » is the assistance, not the coordinator', async () => {
    const r = await ask(a, 'collège en Gironde, qui contacter pour une panne ?');
    expect(r.topic).toBe('assistance');
  });
});

describe('family 8: one’s career, even where a tool keeps it', () => {
  it.each(['ma fiche de paie est dans l’ENT ?', 'mon salaire apparaît-il dans l’ENT', 'une formation pour devenir chef d’établissement'])(
    '« %s » gets the personnel services, not the page of the tool',
    async (text) => {
      const r = await ask(a, text);
      expect(r.intent).toBe('fallback');
      expect(r.text).toMatch(HORS_SUJET);
      expect(r.text).toMatch(/service des personnels/);
    },
  );

  it.each([
    ['un prof contractuel peut-il avoir accès à l’ENT ?', 'ent.presentation'],
    ['le salaire du RUPN', 'rupn.indemnite'],
    ['la prime du RUPN c’est combien', 'rupn.indemnite'],
  ])('a question on the tool or on the RUPN’s own pay stays answered: « %s »', async (text, topic) => {
    expect((await ask(a, text)).topic).toBe(topic);
  });
});

describe('family 6: « dans mon collège » inside a request', () => {
  it('the niveau is kept and the request is answered, not only acknowledged', async () => {
    const [r] = await play(
      a,
      `user> réinitialiser le mot de passe d'un élève dans mon collège
       bot> noté : collège
       bot> Administrer l'ENT`,
    );
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toBe('ent.administration');
  });

  it('« je suis RUPN dans mon collège » alone is still only a profile', async () => {
    expect((await ask(a, 'je suis RUPN dans mon collège')).intent).toBe('profile.update');
  });
});

describe('family 1: needs said in a RUPN’s words', () => {
  it.each([
    ['créer les comptes des nouveaux élèves arrivés en cours d’année', 'ent.administration'],
    ['les tablettes de mon collège ne marchent plus', 'assistance'],
    ['les ordis de la salle 3 ne fonctionnent plus', 'assistance'],
    ['lancer une campagne de positionnement Pix pour mes 6e', 'pix.orga'],
    ['c koi mon role en tant que referent num', 'rupn.fonctions'],
    ['les manuels numeriques n apparaissent pas dans l ent', 'gar.abonnements-affectations'],
    ['informer les familles d’un changement d’emploi du temps', 'outils.communiquer'],
    ['co-écrire un document à plusieurs profs en même temps', 'outils.organiser-equipe'],
  ])('« %s » gets its page', async (text, topic) => {
    expect((await ask(a, text)).topic).toBe(topic);
  });
});

describe('family 3: a département outside the académie, however it is written', () => {
  it.each([
    ['prof dans le Gers, mon coordonnateur ?', 'Gers'],
    ['collège dans l’Ain', 'Ain'],
    ['je suis dans les Hautes-Pyrénées', 'Hautes-Pyrénées'],
    ['je suis en hautes pyrenees', 'Hautes-Pyrénées'],
    ['prof en haute garonne', 'Haute-Garonne'],
  ])('« %s » is told it is outside the académie (%s), never given a coordinator of ours', async (text, name) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('place.outside');
    expect(r.text).toContain(name);
    expect(r.text).not.toMatch(/VIEIRA|LOCHET|DELSAUX/);
  });

  it('a town elsewhere named in passing does not stop a clear answer, unless the school is there', async () => {
    expect((await ask(a, 'faire un journal en ligne du voyage à Paris')).topic).toBe('outils.creer-contenus');
    expect((await ask(a, 'une visio avec une classe de Lyon')).topic).toBe('outils.visio-eleves');
    expect((await ask(a, 'VIA pour la réunion puis Nextcloud pour partager les fichiers')).intent).not.toBe('place.outside');
    expect((await ask(a, 'lycée de Poitiers, l’ENT c’est lequel ?')).intent).toBe('place.outside');
  });

  it('« le coordonnateur pour Aire-sur-l’Adour » is the Landes', async () => {
    expect((await ask(a, 'qui est le coordonnateur pour Aire-sur-l’Adour')).text).toContain('LOCHET');
  });

  it('« les Pyrénées-Atlantiques » and « le Lot-et-Garonne » stay ours', async () => {
    expect((await ask(a, 'coordo dans les Pyrénées-Atlantiques')).topic).toBe('coordonnateurs');
    expect((await ask(a, 'le coordo du Lot-et-Garonne')).text).toContain('VIEIRA');
  });
});

describe('family 4: one thing against another', () => {
  it('« une FIL c’est pour quoi, par rapport au PAF » answers both, briefly', async () => {
    const r = await ask(a, 'une FIL c’est pour quoi exactement, par rapport au PAF');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toContain('Demander une FIL');
    expect(r.text).toContain('La formation collective PAF');
  });

  it('« le rôle du RUPN par rapport au chef d’établissement » is one question', async () => {
    const r = await ask(a, 'le rôle du RUPN par rapport au chef d’établissement');
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toBe('rupn.conseil-direction');
  });
});

describe('family 6: a question without a question mark is not an introduction', () => {
  it('« c’est qui qui désigne le RUPN » is answered', async () => {
    const r = await ask(a, 'c’est qui qui désigne le RUPN');
    expect(r.topic).toBe('rupn.designation');
    expect(r.text).toContain('chef d');
  });
});

describe('family 6: the département said apart from the niveau', () => {
  it('« je travaille au collège, dans les Pyrénées-Atlantiques » keeps both', async () => {
    const [r, next] = await play(
      a,
      `user> je travaille au collège, dans les Pyrénées-Atlantiques
       bot> noté : collège, Pyrénées-Atlantiques
       user> mon coordo ?
       bot!> quel département`,
    );
    expect(r.intent).toBe('profile.update');
    expect(next.topic).toBe('coordonnateurs');
  });
});

describe('family 4: « même question pour… » after an answer', () => {
  it('« même question pour le lycée » gives the lycée’s way', async () => {
    await play(
      a,
      `user> comment désigner les RA GAR en collège ?
       bot> DÉCADE
       user> même question pour le lycée
       bot> RESP-AFFECT-GAR`,
    );
  });

  it('« pareil pour les Landes » gives the Landes’ coordinator', async () => {
    await play(
      a,
      `user> mon coordo en Gironde ?
       bot> DELSAUX
       user> pareil pour les Landes
       bot> LOCHET`,
    );
  });
});

describe('family 4: three names in a list', () => {
  it('« pix orga, via et tribu : ça sert à quoi ? » answers the three', async () => {
    const r = await ask(a, 'pix orga, via et tribu : ça sert à quoi ?');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toMatch(/^Voici les 3/);
    for (const name of ['Pix Orga', 'VIA', 'TRIBU']) expect(r.text).toContain(name);
  });
});

describe('family 4: two short names joined by « et », and « c’est pour quoi »', () => {
  it.each([
    ['via et nextcloud c’est pour quoi', ['VIA', 'NEXTCLOUD']],
    ['c’est quoi via et nextcloud ?', ['VIA', 'NEXTCLOUD']],
    ['à quoi servent tribu et médiacad', ['TRIBU', 'MÉDIACAD']],
  ])('« %s » answers both', async (text, names) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('kb.multi');
    for (const name of names) expect(r.text).toContain(name);
  });

  it('« arena et osé c’est pareil ? » compares the portal with the collèges’ ENT (« osé » also names the collège)', async () => {
    const r = await ask(a, 'arena et osé c’est pareil ?');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toContain('Le portail ARÉNA');
    expect(r.text).toMatch(/OSÉ.*collèges/);
  });

  it('« c’est quoi lot et garonne » stays one name', async () => {
    const r = await ask(a, 'c’est quoi lot et garonne');
    expect(r.intent).not.toBe('kb.multi');
  });
});

describe('family 6: the premier degré’s page is for those who name it', () => {
  it('« à qui je m’adresse en premier pour une question numérique ? » is never told the guide is for collèges and lycées only', async () => {
    const r = await ask(a, 'à qui je m’adresse en premier pour une question numérique ?');
    expect(r.topic).not.toBe('perimetre.premier-degre');
    expect(r.text).not.toMatch(/je ne connais pas l’organisation des écoles/);
    expect(r.text).toMatch(/coordonnateur/);
  });

  it.each([
    'Qui accompagne le numérique dans les écoles ?',
    'je suis directrice d’école',
    'le numérique en maternelle',
    'c’est quoi un ERUN ?',
  ])('« %s » still gets it', async (text) => {
    expect((await ask(a, text)).topic).toBe('perimetre.premier-degre');
  });
});

describe('family 6: saying only who one is', () => {
  it.each(['je suis RUPN', 'moi c’est Julie', 'je suis RUPN dans l’académie de Bordeaux'])(
    '« %s » is greeted and asked for niveau and département, nothing stored',
    async (text) => {
      const r = await ask(a, text);
      expect(r.intent).toBe('profile.welcome');
      expect(r.text).toMatch(/^Bonjour ! Pour des réponses justes/);
    },
  );

  it('« l’académie de Bordeaux » is no Gironde: the coordinator is still asked for a département', async () => {
    await play(
      a,
      `user> je suis RUPN dans l’académie de Bordeaux
       user> qui est mon coordo ?
       bot!> DELSAUX`,
    );
  });
});

describe('family 4: « on est » in a question is not a self-introduction', () => {
  it('« combien on est payé, et qui nous désigne ? » answers both (the first part was dropped as « who I am »)', async () => {
    const r = await ask(a, 'combien on est payé, et qui nous désigne ?');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toMatch(/IMP/);
    expect(r.text).toMatch(/désigné par le chef d'établissement/);
  });

  it('« on est en lycée » still says where the person works', async () => {
    const r = await ask(a, 'on est en lycée dans les landes');
    expect(r.intent).toBe('profile.update');
    expect(r.text).toMatch(/lycée, Landes/);
  });
});

describe('family 2: one fact inside a section', () => {
  it('« mon adresse hotmail suffit pour contacter la DSDEN ? » is the academic address', async () => {
    const r = await ask(a, 'mon adresse hotmail suffit pour contacter la DSDEN ?');
    expect(r.topic).toBe('messagerie');
    expect(r.text).toMatch(/prenom\.nom@ac-bordeaux\.fr/);
  });

  it('« les élèves font pix à partir de quelle classe ? » is the cycle 4', async () => {
    const r = await ask(a, 'les élèves font pix à partir de quelle classe ?');
    expect(r.topic).toBe('pix.certification');
    expect(r.text).toMatch(/dès le cycle 4/);
  });
});

describe('family 1: classes as people write them', () => {
  it.each([
    ['faire une classe virtuelle avec mes 1ères', 'outils.visio-eleves'],
    ['mes 3èmes passent la certif pix quand ?', 'pix.certification'],
  ])('« %s » is understood (the class is no unknown word)', async (text, topic) => {
    expect((await ask(a, text)).topic).toBe(topic);
  });

  it('« je suis prof, j’ai des 6èmes » says collège', async () => {
    const r = await ask(a, 'je suis prof, j’ai des 6èmes');
    expect(r.text).toMatch(/C’est noté : collège/);
  });
});

describe('family 8: the guide’s word for another thing', () => {
  it.each(['notre charte graphique est à refaire', 'la charte graphique du collège, qui la fait ?'])(
    '« %s » is not the charte des usages du numérique',
    async (text) => {
      const r = await ask(a, text);
      expect(r.topic).toBeNull();
      expect(r.text).not.toMatch(/chartes d'usage du numérique/);
    },
  );

  it('« une charte pour l’usage des téléphones en classe » still is', async () => {
    expect((await ask(a, 'une charte pour l’usage des téléphones en classe')).topic).toBe('charte');
  });
});

describe('typed fast: greetings and question words in short', () => {
  it('« cc c ki le coordo ds le 47 » is the coordinator of Lot-et-Garonne', async () => {
    const r = await ask(a, 'cc c ki le coordo ds le 47');
    expect(r.topic).toBe('coordonnateurs');
    expect(r.text).toMatch(/VIEIRA/);
  });
});

describe('family 4: « A ou B pour … » with longer names, and « vs »', () => {
  it.each([
    ['VIA ou la visio d’apps education pour un conseil pédagogique ?', ['VIA', 'apps.education.fr']],
    ['tribu versus nextcloud pour ranger les docs de l’équipe', ['TRIBU', 'NEXTCLOUD']],
  ])('« %s » compares both', async (text, names) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('kb.multi');
    for (const name of names) expect(r.text).toContain(name);
  });
});

describe('family 4: the same question for both niveaux, and names listed with « où les trouver ? »', () => {
  it('« les RA GAR au collège et au lycée, on les nomme où ? » gives DÉCADE and Lycée connecté’s group', async () => {
    const r = await ask(a, 'les RA GAR au collège et au lycée, on les nomme où ?');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toContain('DÉCADE');
    expect(r.text).toContain('RESP-AFFECT-GAR');
    expect(r.text).not.toMatch(/lettre de mission/);
  });

  it('« la LINE et les webinaires de la DANE, où les trouver ? » answers both', async () => {
    const r = await ask(a, 'la LINE, les webinaires de la DANE : où les trouver ?');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toContain('dane.ac-bordeaux.fr/line');
    expect(r.text).toContain('dane.ac-bordeaux.fr/webinaires');
  });
});

describe('family 4: « où » is a question word, not « ou »', () => {
  it('« qui est le DPD et où se trouve la charte d’usage ? » answers both', async () => {
    const r = await ask(a, 'qui est le DPD et où se trouve la charte d’usage ?');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toContain('dpd@ac-bordeaux.fr');
    expect(r.text).toMatch(/chartes d'usage/);
  });

  it('« nouveau RUPN, par où commencer ? » is no comparison', async () => {
    const r = await ask(a, 'nouveau RUPN, par où commencer ?');
    expect(r.intent).toBe('profile.welcome');
  });
});
