import { describe, expect, it } from 'vitest';
import { ask, flat, play, testAssistant } from '../helpers/assistant.js';

const a = testAssistant();
const HORS_SUJET = /je ne peux pas vous aider sur ce sujet/i;

describe('family 8: courtesy, urgency and English are not « hors sujet »', () => {
  it.each(['merci beaucoup, à bientôt', 'super merci pour la réponse, bonne semaine', 'ok ça marche merci'])(
    'thanks « %s »',
    async (text) => {
      const r = await ask(a, text);
      expect(r.intent).toBe('smalltalk.thanks');
      expect(r.text).not.toMatch(HORS_SUJET);
    },
  );

  it.each(['URGENT', 'c’est très urgent !!!', 'au secours svp'])('urgency « %s » gets a way forward', async (text) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('smalltalk.urgent');
    expect(flat(r.text)).toContain('signaler une panne');
  });

  it.each(['Who is the digital advisor for my school?', 'Can you help me with the GAR please'])(
    'English « %s » is told, in English, to ask in French',
    async (text) => {
      const r = await ask(a, text);
      expect(r.intent).toBe('smalltalk.english');
      expect(r.text).toMatch(/in French/);
      expect(r.topic).toBeNull();
    },
  );
});

describe('family 8: a thank-you that names its topic, a sigh, a nod', () => {
  it.each(['merci pour l’info sur Pix', 'top merci pour la console GAR, bonne soirée'])(
    '« %s » is thanks, not a question',
    async (text) => {
      expect((await ask(a, text)).intent).toBe('smalltalk.thanks');
    },
  );

  it('a thank-you followed by a question gets the answer', async () => {
    const r = await ask(a, 'merci ! et pour désigner les RA du GAR en lycée ?');
    expect(r.intent).toBe('kb.answer');
    expect(r.text).toContain('RESP-AFFECT-GAR');
  });

  it.each(['pfff', 'je suis épuisée', 'ras le bol de ces mots de passe'])(
    'a sigh « %s » gets sympathy, not « hors sujet »',
    async (text) => {
      const r = await ask(a, text);
      expect(r.intent).toBe('smalltalk.mood');
      expect(r.text).not.toMatch(HORS_SUJET);
    },
  );
});

describe('family 3: where the person is, from the official list of communes', () => {
  it.each([
    ['RUPN au collège de Mimizan, qui est mon coordo ?', 'LOCHET'],
    ['je bosse au lycée de Sarlat, c’est qui le coordonnateur DANE', 'LÉMONIE'],
    ['collège à Nérac : mon interlocuteur DANE ?', 'VIEIRA'],
    ['qui est mon coordo 64', 'DEZEST'],
    // a commune by its first words: the largest one they name (Villeneuve-sur-Lot, Sainte-Foy-la-Grande, Parentis-en-Born)
    ['RUPN au collège de Villeneuve, qui est mon coordo ?', 'VIEIRA'],
    ['je bosse au lycée de Sainte-Foy, c’est qui mon coordo', 'DELSAUX'],
    ['collège de parentis, mon coordo ?', 'LOCHET'],
  ])('« %s » finds the département', async (text, name) => {
    const r = await ask(a, text);
    expect(r.topic).toBe('coordonnateurs');
    expect(r.text).toContain(name);
  });

  it.each(['je suis RUPN dans un lycée de Lille', 'dans le 13, on contacte qui ?', 'collège à Strasbourg, qui est mon coordo ?'])(
    '« %s » is told kindly it is outside the académie',
    async (text) => {
      const r = await ask(a, text);
      expect(r.intent).toBe('place.outside');
      expect(r.topic).toBeNull();
      expect(r.text).toMatch(/hors de l’académie de Bordeaux/);
      expect(r.text).not.toMatch(/DELSAUX|LOCHET|LÉMONIE|VIEIRA|DEZEST/);
    },
  );

  it.each([
    ['je suis RUPN au Maroc', 'Maroc'],
    ['prof au lycée français de Madrid, qui est mon coordo ?', 'AEFE'],
    ['j’enseigne aux États-Unis', 'États-Unis'],
    ['référent numérique à l’étranger', 'AEFE'],
  ])('« %s » is abroad: outside the académie, with the door of French schools abroad', async (text, says) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('place.outside');
    expect(r.text).toContain(says);
    expect(r.text).not.toMatch(/DELSAUX|LOCHET|LÉMONIE|VIEIRA|DEZEST/);
  });

  it('« la Réunion » is the overseas département, not the small commune of Lot-et-Garonne', async () => {
    const r = await ask(a, 'RUPN à la Réunion, qui est mon coordo ?');
    expect(r.intent).toBe('place.outside');
    expect(r.text).toContain('974');
    expect(r.text).not.toContain('VIEIRA');
  });

  it('the first word of a commune’s name that is also a word (Lit-et-Mixe) is not a town in lower case', async () => {
    expect((await ask(a, 'je suis au lit, qui est mon coordo ?')).text).not.toContain('LOCHET');
  });

  it('a town in lower case that is also a common word is not read as a town', async () => {
    const r = await ask(a, 'je cherche un outil pour la classe de mer');
    expect(r.intent).not.toBe('place.outside');
  });
});

describe('family 6: who the person is, said in passing', () => {
  it('learns from a role and a place said without « je suis », then answers for that niveau', async () => {
    await play(
      a,
      `
      user> Prof documentaliste dans un collège de Dordogne, débutant dans la mission
      bot> C’est noté : collège, Dordogne
      bot!> Vouliez-vous dire
      user> comment on nomme les responsables d’affectation ?
      bot> DÉCADE
      bot!> RESP-AFFECT-GAR
    `,
    );
  });

  it('keeps the département said after the town, and answers nothing unasked', async () => {
    const [r] = await play(
      a,
      `
      user> j’enseigne au lycée de Mont-de-Marsan, dans les Landes
      bot> C’est noté : lycée, Landes
    `,
    );
    expect(r.intent).toBe('profile.update');
  });

  it('a town of the académie gives the département even without naming it', async () => {
    await play(
      a,
      `
      user> je suis RUPN au lycée de Libourne
      bot> Gironde
      user> qui est mon coordo ?
      bot> DELSAUX
    `,
    );
  });
});

describe('family 4: two things at once', () => {
  it('compares two tools named with « ou », briefly, each with what it is for', async () => {
    const r = await ask(a, 'Pronote ou l’ENT, ça sert à quoi chacun ?');
    expect(r.intent).toBe('kb.multi');
    expect(r.messages.length).toBe(3);
    expect(flat(r.text)).toContain('pronote');
    expect(flat(r.text)).toContain('ent');
  });

  it('answers two questions of one message, each in short', async () => {
    const r = await ask(a, 'c’est quoi SCHEMATIC ? et qui est le coordo des Landes ?');
    expect(r.intent).toBe('kb.multi');
    expect(r.text).toContain('SCHEMATIC');
    expect(r.text).toContain('LOCHET');
    expect(r.text.length).toBeLessThan(2500);
  });

  it('a second part that only names another département follows the first', async () => {
    const r = await ask(a, 'la coordonnatrice de Gironde et celle de Dordogne ?');
    expect(r.text).toContain('DELSAUX');
    expect(r.text).toContain('LÉMONIE');
  });

  it('two département numbers get both coordinators, the page said once', async () => {
    const r = await ask(a, 'coordo 33 et 40');
    expect(r.text).toContain('DELSAUX');
    expect(r.text).toContain('LOCHET');
    expect(r.text.match(/interlocuteur privilégié/g)).toHaveLength(1);
  });

  it('a single question with « et » inside stays one question', async () => {
    const r = await ask(a, 'comment désigner les responsables d’affectation et les former ?');
    expect(r.intent).not.toBe('kb.multi');
  });
});

describe('family 7: the GAR checklist in plain words', () => {
  it('ticks with « fait », « c’est fait pour le 3 », unticks with « pas fait », and answers a question on the way', async () => {
    await play(
      a,
      `
      user> checklist GAR
      bot> 1. [ ]
      user> fait
      bot> 1. [x]
      user> c’est fait pour le 3
      bot> 3. [x]
      user> pas fait le 3
      bot> 3. [ ]
      bot!> 3. [x]
      user> c’est quoi la console GAR ?
      bot> Reprenons
      bot> 1. [x]
      user> terminé
      bot> Liste fermée
    `,
    );
  });
});

describe('family 6: the stored niveau steers the answer', () => {
  it.each([
    ['college', 'lyceeconnecte'],
    ['lycee', 'ose ac bordeaux'],
  ] as const)('for a %s, the other niveau’s ENT page steps back', async (niveau, other) => {
    const r = await ask(a, 'à quelle adresse les familles se connectent-elles à l’espace numérique ?', { profile: { niveau } });
    expect(flat(r.text)).not.toContain(other);
  });
});

describe('family 6: the counterpart page of the person’s niveau', () => {
  it.each([
    ['college', 'ose ac bordeaux fr', 'lyceeconnecte'],
    ['lycee', 'lyceeconnecte fr', 'ose ac bordeaux'],
  ] as const)('a %s asking where pupils log in gets its own ENT, not a menu', async (niveau, own, other) => {
    const r = await ask(a, 'mes élèves se connectent où déjà pour l’ENT ?', { profile: { niveau } });
    expect(r.intent).toBe('kb.answer');
    expect(flat(r.text)).toContain(own);
    expect(flat(r.text)).not.toContain(other);
  });

  it('the other niveau’s page is still given when the message names it', async () => {
    const r = await ask(a, 'c’est quoi l’adresse de Lycée connecté ?', { profile: { niveau: 'college' } });
    expect(flat(r.text)).toContain('lyceeconnecte fr');
  });
});

describe('family 3: outside the guide’s scope, said of oneself', () => {
  it.each(['je suis ERUN dans les Landes', 'directrice d’école maternelle à Agen, je cherche de l’aide pour le numérique'])(
    '« %s » gets the premier-degré door, and no profile is learnt',
    async (text) => {
      const r = await ask(a, text);
      expect(r.topic).toBe('perimetre.premier-degre');
      expect(flat(r.text)).toContain('circonscription');
      expect(r.text).not.toMatch(/C’est noté/);
    },
  );

  it('a collège RUPN who names the ERUN of the circonscription stays a collège RUPN', async () => {
    const r = await ask(a, 'je suis RUPN au collège de Dax et je voudrais travailler avec l’ERUN de la circonscription');
    expect(r.text).toMatch(/C’est noté/);
  });
});

describe('family 3: whom to ask, where the person works', () => {
  it('a question about whom to ask gets the page and the coordinator of the person’s département', async () => {
    const r = await ask(a, 'je travaille à Sarlat : auprès de qui demander conseil pour monter un projet numérique avec ma classe ?');
    expect(flat(r.text)).toContain('lemonie');
    expect(r.topic).not.toBe('coordonnateurs');
  });

  it('« qui dois-je contacter à la DANE ? » after saying where one works names the coordinator too', async () => {
    const r = await ask(a, 'qui dois-je contacter à la DANE ?', { profile: { departement: '47' } });
    expect(flat(r.text)).toContain('vieira');
  });

  it('without a département, no coordinator is named', async () => {
    const r = await ask(a, 'vers qui me tourner pour un projet pédagogique avec du numérique ?');
    expect(flat(r.text)).not.toMatch(/lemonie|delsaux|lochet/);
  });
});

describe('family 4: a later question read with the first one', () => {
  it('« …, et où je fais la demande ? » after a failure is the ticket, not a training request', async () => {
    const r = await ask(a, 'Le wifi décroche sans cesse au CDI : c’est à qui de le réparer, et où je fais la demande ?', {
      profile: { niveau: 'college' },
    });
    expect(r.intent).toBe('kb.multi');
    expect(flat(r.text)).toContain('amerana');
    expect(flat(r.text)).toContain('departement pour les colleges');
    expect(flat(r.text)).not.toContain('fil');
  });
});

describe('family 2: one fact inside a page, put first', () => {
  it.each([
    ['des élèves élus peuvent-ils faire partie de la commission numérique ?', 'commission-numerique', /^En bref : .*élèves élus/],
    ['la certif pix des élèves, ça prend combien de temps ?', 'pix.certification', /^En bref : .*1 h 45/],
  ])('« %s » answers with the sentence that says it first', async (text, topic, lead) => {
    const r = await ask(a, text);
    expect(r.topic).toBe(topic);
    expect(r.text.split('\n').filter(Boolean)[1]).toMatch(lead);
  });

  it('a question about the whole page gets the page as it is', async () => {
    const r = await ask(a, 'c’est quoi la commission numérique ?');
    expect(r.text).not.toContain('En bref');
  });
});

describe('family 8: a nod, urgency without a subject, displeasure', () => {
  it.each(['d’accord, je vais regarder ça', 'ok je teste et je vous dis', 'bon ben ok merci je lis'])('« %s » is a nod', async (text) => {
    expect((await ask(a, text)).intent).toMatch(/^smalltalk\.(ack|thanks)$/);
  });

  it.each(['c’est super urgent, aidez-moi svp', 'URGENCE : plus rien ne fonctionne !!!'])(
    '« %s » asks what it is about and offers the failure report',
    async (text) => {
      const r = await ask(a, text);
      expect(r.intent).toBe('smalltalk.urgent');
      expect(flat(r.text)).toContain('signaler une panne');
    },
  );

  it('urgency that names its subject gets the answer', async () => {
    const r = await ask(a, 'urgent : les élèves ne voient plus leurs manuels dans le médiacentre');
    expect(r.intent).toBe('kb.answer');
  });

  it.each(['t’es vraiment nul', 'tu sers à rien', 'n’importe quoi'])('« %s » gets an apology and another way to ask', async (text) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('smalltalk.sorry');
    expect(r.text).not.toMatch(HORS_SUJET);
  });
});

describe('family 4: more seams', () => {
  it.each([
    ['Médiacad ou Tribu pour diffuser une vidéo aux familles ?', ['mediacad', 'tribu']],
    ['c’est quoi la LINE et qui est le DPD ?', ['line', 'protection des donnees']],
    ['VIA et Tribu, c’est pareil ?', ['via', 'tribu']],
    ['VIA vs la classe virtuelle du CNED', ['via', 'cned']],
    ['1) qui est le DPD 2) c’est quoi la LINE', ['protection des donnees', 'line']],
    ['qui est le DPD. Autre question : c’est quoi la LINE', ['protection des donnees', 'line']],
    ['c’est quoi ARÉNA\net VIA, ça sert à quoi', ['arena', 'via']],
    ['coordonnateurs Gironde / Lot-et-Garonne', ['delsaux', 'vieira']],
    ['combien je touche et est-ce qu’il me faut une lettre de mission', ['imp', 'lettre de mission']],
  ])('« %s » answers each part', async (text, parts) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('kb.multi');
    for (const p of parts) expect(flat(r.text)).toContain(p);
  });
});

describe('family 6: a role and a place, said without a verb', () => {
  it('« référente numérique à Saint-Paul-lès-Dax » is learnt as the Landes', async () => {
    const r = await ask(a, 'référente numérique à Saint-Paul-lès-Dax');
    expect(r.intent).toBe('profile.update');
    expect(r.text).toContain('Landes');
  });

  it('« prof des écoles en CM1 à Bergerac » is the premier degré', async () => {
    expect((await ask(a, 'prof des écoles en CM1 à Bergerac')).topic).toBe('perimetre.premier-degre');
  });

  it.each([
    ['salut moi c’est Karim, RUPN au lycée de Blanquefort', 'Gironde'],
    ['j’ai pris la mission de référent numérique cette année au collège de Fumel', 'Lot-et-Garonne'],
    ['jsuis au clg', 'collège'],
    ['je suis la nouvelle référente numérique du collège de Parentis', 'Landes'],
  ])('« %s » is learnt, not answered', async (text, learnt) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('profile.update');
    expect(r.text).toContain(learnt);
  });

  it('a typo of a guide word is still corrected though a town of the académie has that name (Misson, Landes)', async () => {
    expect((await ask(a, 'comment rédiger ma lettre de misson ?')).topic).toBe('rupn.designation');
  });

  it('« qui je contacte à la DANE ? » from Pessac names the Gironde coordinator', async () => {
    const r = await ask(a, 'je suis à Pessac, qui je contacte à la dane ?');
    expect(flat(r.text)).toContain('delsaux');
  });
});

describe('family 1: « comment ça marche » asks how the thing named works', () => {
  it.each([
    ['comment marche VIA ?', 'outils.via'],
    ['Tribu, ça marche comment ?', 'outils.tribu'],
    ['le wifi marche pas au CDI', 'assistance'],
  ])('« %s » → %s', async (text, topic) => {
    expect((await ask(a, text)).topic).toBe(topic);
  });
});
