import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { replyText } from '../../src/shared/text.js';
import type { IncomingMessage, TurnResult } from '../../src/shared/types.js';
import type { PersonRecord } from '../../src/state/people.js';
import { memoryStore } from '../../src/state/store.js';
import { freshUser, sharedEngine } from '../helpers/assistant.js';

/**
 * How the flow runner reads what a busy person types at each step: choices
 * written loosely, commands, questions of their own, another flow asked in
 * the middle, the summary and its corrections.
 */
const NOW = new Date('2026-11-29T10:00:00Z');
const store = memoryStore();
let clock = NOW;
const assistant = createAssistant(store, { engine: sharedEngine(), now: () => clock });

/** Sends each line as one person; returns every reply as text, with the results. */
async function run(lines: string[], extra: Partial<IncomingMessage> = {}): Promise<{ texts: string[]; rs: TurnResult[] }> {
  const user = extra.user ?? freshUser();
  const rs: TurnResult[] = [];
  for (const text of lines) rs.push(await assistant.handle({ platform: 'test', workspace: '-', user, conversation: 'c', text, ...extra }));
  return { texts: rs.map(replyText), rs };
}

const BAD_CHOICE =
  'Je n’ai pas reconnu votre choix. Répondez par le numéro (ou plusieurs numéros séparés par des virgules quand c’est permis).';
const ENT_Q = 'Le problème concerne-t-il l’ENT Lycée connecté ?';
const WHAT_Q = 'Quel est le problème ? Donnez-en une courte description (une ou deux phrases).';
const TITLE_Q = 'Quel est l’intitulé de la formation souhaitée ?';
const NEED_Q = 'Quel besoin avez-vous identifié, et quels objectifs visez-vous ?';
const SCHOOL_Q = 'Pour quel établissement ? Donnez son nom et, si vous l’avez, son UAI (7 chiffres et une lettre, ex. 0331234X).';
const FIL = ['demande de FIL', 'Collège Jean Moulin'];
const FIL_ALL = [
  ...FIL,
  'Prise en main de Pix Orga',
  'Accompagner les équipes dans le suivi des parcours Pix',
  '12 enseignants',
  '6 heures',
  'mars 2027',
  'passer',
  'Axe 2 : compétences numériques',
];
const COMMISSION = 'je veux mettre en place une commission numérique';

describe('choices written the way people write them', () => {
  it('a misspelt niveau, « nan », a misspelt urgency; a bare « ly » is too short to guess', async () => {
    const { texts } = await run(['signaler une panne', 'ly', 'lyc']);
    expect(texts[1].slice(0, BAD_CHOICE.length)).toBe(BAD_CHOICE);
    expect(texts[2].slice(0, ENT_Q.length)).toBe(ENT_Q);
    const typo = await run([
      'signaler une panne',
      'lycae',
      'nan',
      'Le vidéoprojecteur ne marche plus',
      'salle 2',
      'ce matin',
      '3',
      'gemant',
    ]);
    expect(typo.texts[1].slice(0, ENT_Q.length)).toBe(ENT_Q);
    expect(typo.texts[2]).toBe(WHAT_Q);
    expect(typo.texts[7]).toContain('- Problème propre à l’ENT : Non\n');
    expect(typo.texts[7]).toContain('- Urgence : Gênant : on contourne\n');
  });

  it('« oui bien sûr » is « oui »; « collège et lycée » is not one niveau', async () => {
    const { texts } = await run(['signaler une panne', 'collège et lycée', 'lycée', 'oui bien sûr']);
    expect(texts[1]).toMatch(/^Pour une cité scolaire, répondez selon le matériel ou le bâtiment concerné/);
    expect(texts[3]).toBe(WHAT_Q);
  });

  it('a word of one choice’s label picks it: « conseil », « commission »', async () => {
    const conseil = await run([COMMISSION, 'conseil', '2']);
    expect(conseil.texts[2]).toContain('- Modalité : Confier ses missions au conseil pédagogique\n');
    const adhoc = await run([COMMISSION, 'commission', '2']);
    expect(adhoc.texts[2]).toContain('- Modalité : Une commission numérique ad hoc\n');
  });

  it('several choices: one number, numbers with spaces; « tout sauf 7 », « pas tous » and an unknown number are refused', async () => {
    const one = await run([COMMISSION, '1', '3']);
    expect(one.texts[2]).toContain('- Membres : Un membre d’intendance (agent comptable, gestionnaire)\n');
    const spaced = await run([COMMISSION, '1', '1 2 3']);
    expect(spaced.texts[2]).toContain(
      '- Membres : Le chef d’établissement (et/ou un membre de la direction), Le RUPN, Un membre d’intendance (agent comptable, gestionnaire)\n',
    );
    for (const refused of ['tout sauf 7', 'pas tous', '2, 9']) {
      const { texts } = await run([COMMISSION, '1', refused]);
      expect(texts[2].slice(0, BAD_CHOICE.length), refused).toBe(BAD_CHOICE);
    }
  });
});

describe('leaving, asking for help or changing one’s mind in plain words', () => {
  it.each(['non merci j’arrête', 'annule tout', 'bon, on laisse tomber', 'ça ne m’intéresse plus', 'stop la checklist'])(
    '« %s » cancels the flow',
    async (text) => {
      const { rs } = await run(['signaler une panne', text]);
      expect(rs[1].intent).toBe('flow.cancel');
    },
  );

  it('« je me suis trompé de collège » goes back to the question before, not stored as the title', async () => {
    const { texts } = await run([...FIL, 'je me suis trompé de collège']);
    expect(texts[2]).toBe(`On revient à la question précédente.\n\n${SCHOOL_Q}`);
  });

  it('« pardon je reviens » says where we are', async () => {
    const { rs } = await run(['signaler une panne', 'pardon je reviens']);
    expect(rs[1].intent).toBe('flow.resume');
  });

  it('a wish in the GAR checklist (« je dois signaler une panne de l’ENT ») is answered, then the list comes back', async () => {
    const { texts, rs } = await run(['checklist GAR', 'je dois signaler une panne de l’ENT']);
    expect(rs[1].topic).toBe('assistance');
    expect(texts[1]).toContain('AMÉRANA');
    expect(texts[1]).toContain('Checklist GAR de rentrée');
  });

  it('« je comprends pas » gets the help', async () => {
    const { rs } = await run([...FIL, 'je comprends pas']);
    expect(rs[2].intent).toBe('flow.help');
  });

  it('« finalement je préfère faire une demande de FIL » offers the switch instead of being the café’s theme', async () => {
    const { rs } = await run(['organiser un café numérique', 'finalement je préfère faire une demande de FIL']);
    expect(rs[1].intent).toBe('flow.switch');
  });
});

describe('what each step says', () => {
  it.each(['je sais pas quoi mettre', 'un exemple ?', 'qu’est-ce que je dois mettre'])(
    '« %s » gets the step’s help, and the step is asked again (not taken as the answer)',
    async (text) => {
      const { texts, rs } = await run([...FIL, text]);
      expect(rs[2].intent).toBe('flow.help');
      expect(texts[2]).toBe(
        `Un titre court, par exemple « Prise en main de Pix Orga ».\n\nÀ tout moment : « retour » revient à la question précédente, « recommencer » repart de zéro, « annuler » abandonne.\n\n${TITLE_Q}`,
      );
    },
  );

  it('an optional step says « passer » may be used, in its prompt and its help; a required one does not', async () => {
    const { texts } = await run([...FIL, 'aide', ...FIL_ALL.slice(2, 7), 'aide', 'passer', 'passer']);
    expect(texts[1]).toBe(TITLE_Q);
    expect(texts[2]).toBe(
      `Un titre court, par exemple « Prise en main de Pix Orga ».\n\nÀ tout moment : « retour » revient à la question précédente, « recommencer » repart de zéro, « annuler » abandonne.\n\n${TITLE_Q}`,
    );
    const optional = 'Avez-vous un formateur ou une formatrice en vue ? (« passer » si vous ne savez pas)';
    expect(texts[7]).toBe(optional);
    expect(texts[8]).toContain('« annuler » abandonne, « passer » laisse cette question vide.');
    expect(texts[9]).toBe('En quoi cette formation sert-elle le projet d’établissement (axe, priorité) ?');
    // « passer » on a required step
    expect(texts[10]).toBe(
      'Cette information est nécessaire : je ne peux pas la laisser vide.\n\nEn quoi cette formation sert-elle le projet d’établissement (axe, priorité) ?',
    );
  });

  it('a question of one’s own with no sure answer is not taken as the answer; a title worded like a question is', async () => {
    const { texts } = await run([
      'organiser un café numérique',
      'c’est quoi ce truc ?',
      'c’est quoi le thème idéal ?',
      'Comment utiliser Pix en classe',
    ]);
    const notAnswer =
      'Je n’ai pas de réponse sûre à cette question, et je ne la prends pas pour votre réponse. Reprenons :\n\nQuel en sera le thème ?';
    // nothing found, then only a weak match: neither is answered nor taken
    expect(texts[1]).toBe(notAnswer);
    expect(texts[2]).toBe(notAnswer);
    expect(texts[3]).toMatch(/^À quelle date \?/);
  });

  it('a question that needs a département gets the whole list in the middle of a flow, then the step again', async () => {
    const { texts, rs } = await run(['organiser un café numérique', 'au fait, qui est le coordonnateur ?']);
    expect(rs[1].intent).toBe('kb.answer');
    expect(texts[1]).toContain('- Gironde (33)');
    expect(texts[1]).toContain('- Dordogne (24)');
    expect(texts[1]).toMatch(/Reprenons :\n\nQuel en sera le thème \?$/);
  });

  it('a description that asks a question before going on is an answer, not a question', async () => {
    const { texts } = await run([...FIL_ALL.slice(0, 3), 'Comment affecter les ressources du GAR ? Les collègues ne savent pas le faire']);
    expect(texts[3]).toBe('Quel public et combien de participants ?');
  });

  it('a question on a subject that is also a flow gets the guide’s page, then the step again', async () => {
    const { texts, rs } = await run(['organiser un café numérique', 'au fait, c’est quoi une FIL ?']);
    expect(rs[1].intent).toBe('kb.answer');
    expect(rs[1].topic).toBe('formation.fil');
    expect(texts[1]).toMatch(/Reprenons :\n\nQuel en sera le thème \?$/);
  });

  it('a greeting or « où j’en étais ? » says where we are and asks again', async () => {
    const { texts } = await run([...FIL, 'bonjour', 'où j’en étais ?']);
    const where = `Nous en étions à la démarche « préparer une demande de FIL » ; vos réponses sont gardées. Voici où nous en sommes :\n\n${TITLE_Q}`;
    expect(texts[2]).toBe(where);
    expect(texts[3]).toBe(where);
  });
});

describe('another flow asked in the middle of one', () => {
  const offer = (current: string, other: string) =>
    `Vous êtes en train de ${current}. Voulez-vous l’abandonner pour ${other} ?\n1. Oui : ${other}\n2. Non : continuer à ${current}`;
  const FIL_LABEL = 'préparer une demande de FIL';
  const PANNE = 'signaler une panne ou un incident';

  it('offers to switch, with both buttons; « oui » starts the other flow', async () => {
    const { texts, rs } = await run([...FIL, 'je veux signaler une panne', 'oui']);
    expect(texts[2]).toBe(offer(FIL_LABEL, PANNE));
    expect(rs[2].messages[0].choices).toEqual([
      { label: `Oui : ${PANNE}`, value: 'oui' },
      { label: `Non : continuer à ${FIL_LABEL}`, value: 'non' },
    ]);
    expect(texts[3]).toMatch(/^Je vais vous aider à signaler ce problème/);
    expect(rs[3].intent).toBe('flow.start');
  });

  it('« non » or « continuer » asks the step again: the request is not taken as its answer', async () => {
    for (const no of ['non', 'continuer']) {
      const { texts } = await run([...FIL, 'je veux signaler une panne', no, 'Prise en main de Pix Orga']);
      expect(texts[3], no).toBe(`Reprenons :\n\n${TITLE_Q}`);
      expect(texts[4], no).toBe(NEED_Q);
    }
  });

  it('anything else after the offer is read as an answer to the step, the offer forgotten', async () => {
    const { texts } = await run([...FIL, 'je veux signaler une panne', 'hmm', 'Prise en main de Pix Orga']);
    expect(texts[3]).toBe(`Votre réponse est un peu courte (au moins 4 caractères).\n\n${TITLE_Q}`);
    expect(texts[4]).toBe(NEED_Q);
  });

  it('from the summary or the checklist, « non » shows where we were', async () => {
    const review = await run([COMMISSION, '1', '1', 'je veux signaler une panne', 'non']);
    expect(review.texts[4]).toMatch(/^Reprenons :\n\nVoici le récapitulatif :\n\n- Modalité : Une commission numérique ad hoc\n/);
    const checklist = await run(['checklist GAR', 'je veux signaler une panne', 'non']);
    expect(checklist.texts[1]).toBe(offer('suivre la checklist GAR de rentrée', PANNE));
    expect(checklist.texts[2]).toMatch(/^Reprenons :\n\nChecklist GAR de rentrée/);
  });

  it('a short request without a wish and a long one with a wish are offered; a long one without a wish is an answer', async () => {
    expect((await run([...FIL, 'déclarer une panne'])).texts[2]).toBe(offer(FIL_LABEL, PANNE));
    // six words is still short
    expect((await run([...FIL, 'ouvrir un ticket pour le vidéoprojecteur'])).texts[2]).toBe(offer(FIL_LABEL, PANNE));
    const long = await run([...FIL, 'je veux organiser un café numérique pour les collègues du collège']);
    expect(long.texts[2]).toBe(offer(FIL_LABEL, 'organiser un café numérique'));
    const answer = await run([...FIL, 'organiser un café numérique avec les collègues de sciences en mars']);
    expect(answer.texts[2]).toBe(NEED_Q);
  });

  it('the flow in progress asked again is not offered', async () => {
    expect((await run([...FIL, 'demande de FIL'])).texts[2]).toBe(NEED_Q);
  });
});

describe('the summary and its corrections', () => {
  it('lists every answer on its own line, gives an example field, and offers Valider and Annuler', async () => {
    const { texts, rs } = await run(FIL_ALL);
    expect(texts[8]).toMatch(
      /^Voici le récapitulatif :\n\n- Établissement : Collège Jean Moulin\n- Intitulé : Prise en main de Pix Orga\n/,
    );
    expect(texts[8]).toContain('(par exemple « modifier intitulé »)');
    expect(rs[8].messages[0].choices).toEqual([
      { label: 'Valider', value: 'oui' },
      { label: 'Annuler', value: 'annuler' },
    ]);
  });

  it('« modifier » alone or « non » lists the fields; a number picks one', async () => {
    const { texts, rs } = await run([...FIL_ALL, 'modifier', 'non', '2']);
    expect(texts[9]).toMatch(/^Que voulez-vous modifier \?\n1. Établissement\n2. Intitulé\n/);
    expect(rs[10].messages[0].choices!.map((c) => c.label)).toEqual([
      'Établissement',
      'Intitulé',
      'Besoin et objectifs',
      'Public et participants',
      'Durée',
      'Période souhaitée',
      'Formateur pressenti',
      'Lien avec le projet d’établissement',
    ]);
    expect(texts[11]).toBe(TITLE_Q);
  });

  it('a field by part of its name or by its id; an unknown one is said so; anything else shows the summary again', async () => {
    expect((await run([...FIL_ALL, 'modifier participants'])).texts[9]).toBe('Quel public et combien de participants ?');
    const cafe = ['organiser un café numérique', 'Pix Orga en classe', 'mars 2027', '1', 'CDI', 'Claire'];
    expect((await run([...cafe, 'modifier animateur'])).texts[6]).toMatch(/^Qui l’anime \?/);
    const unknown = await run([...FIL_ALL, 'modifier couleur', 'euh']);
    expect(unknown.texts[9]).toMatch(/^Je n’ai pas trouvé ce champ. Choisissez dans la liste :\n1. Établissement\n/);
    expect(unknown.texts[10]).toMatch(/^Voici le récapitulatif :/);
  });

  it('a date given with its hour (« jeudi 14 janvier à 12h30 ») fills the hour too, which is said and not asked', async () => {
    const cafe = ['organiser un café numérique', 'Pix Orga en classe', 'jeudi 14 janvier à 12h30'];
    const { texts } = await run(cafe);
    expect(texts[2]).toBe('Heure : 12h30, c’est noté aussi (modifiable au récapitulatif).\n\nDans quelle salle ?');
    const done = await run([...cafe, 'CDI', 'Claire', 'non']);
    expect(done.texts[5]).toMatch(/- Date : jeudi 14 janvier 2027\n- Heure : 12h30 \(pause méridienne\)\n- Salle : CDI\n/);
    // the date changed from the summary without an hour: the hour stays
    const changed = await run([...cafe, 'CDI', 'Claire', 'non', 'modifier date', 'vendredi 15 janvier']);
    expect(changed.texts[7]).toMatch(/- Date : vendredi 15 janvier 2027\n- Heure : 12h30 \(pause méridienne\)\n/);
    // without an hour in the date, it is asked as before
    expect((await run([...cafe.slice(0, 2), 'jeudi 14 janvier'])).texts[2]).toMatch(/^À quelle heure \?/);
  });

  it('a problem described with its place and since when (« … dans le bâtiment C depuis lundi ») is not asked them again', async () => {
    const { texts } = await run(['signaler une panne', 'collège', 'le wifi ne marche plus dans tout le bâtiment C depuis lundi']);
    expect(texts[2]).toBe(
      'Lieu ou matériel : bâtiment C, c’est noté aussi (modifiable au récapitulatif).\n\nDepuis : lundi, c’est noté aussi (modifiable au récapitulatif).\n\nCombien de personnes sont touchées ?',
    );
    // only the room said: since when is still asked
    const room = await run(['signaler une panne', 'lycée', 'non', 'le TBI de la salle 104 ne s’allume plus']);
    expect(room.texts[3]).toBe('Lieu ou matériel : salle 104, c’est noté aussi (modifiable au récapitulatif).\n\nDepuis quand ?');
    // « depuis la coupure de courant » is no date, « la salle » alone no place
    const neither = await run(['signaler une panne', 'collège', 'la salle est sans courant depuis la coupure de vendredi']);
    expect(neither.texts[2]).toBe('Où cela se passe-t-il (salle, bâtiment, matériel concerné) ?');
  });

  it('« je ne veux plus », « on arrête là » end a flow; « je comprends pas la question » asks for help', async () => {
    expect((await run(['organiser un café numérique', 'je ne veux plus'])).rs[1].intent).toBe('flow.cancel');
    expect((await run(['signaler une panne', 'on arrête là'])).rs[1].intent).toBe('flow.cancel');
    expect((await run(['signaler une panne', 'je comprends pas la question'])).rs[1].intent).toBe('flow.help');
  });

  it('« modifier problème » is the problem, not the ENT question whose name contains it', async () => {
    const incident = ['signaler une panne', 'lycée', 'non', 'Le vidéoprojecteur ne marche plus', 'salle 2', 'ce matin', '3', '1'];
    expect((await run([...incident, 'modifier problème'])).texts[8]).toBe(WHAT_Q);
  });

  it('a month changed to a full date from the summary asks the reminder question it now needs', async () => {
    const { texts } = await run([
      'organiser un café numérique',
      'Pix Orga en classe',
      'mars 2027',
      '1',
      'CDI',
      'Claire',
      'modifier date',
      '12/03/2027',
    ]);
    expect(texts[7]).toBe('Voulez-vous que je vous le rappelle la veille ?\n1. Oui\n2. Non');
  });
});

describe('retour, recommencer, and a flow left or changed', () => {
  it('« retour » at the first question says so; after « recommencer » too', async () => {
    const { texts } = await run(['demande de FIL', 'retour', 'Collège Jean Moulin', 'recommencer', 'retour']);
    const first = `C’est déjà la première question.\n\n${SCHOOL_Q}`;
    expect(texts[1]).toBe(first);
    expect(texts[3]).toBe(`On reprend depuis le début.\n\n${SCHOOL_Q}`);
    expect(texts[4]).toBe(first);
  });

  it('answering again after two « retour » goes on with the next question, even one answered already', async () => {
    const { texts } = await run([...FIL_ALL.slice(0, 4), 'retour', 'retour', 'Pix Orga pour tous']);
    expect(texts[5]).toBe(`On revient à la question précédente.\n\n${TITLE_Q}`);
    expect(texts[6]).toBe(NEED_Q);
  });

  it('« recommencer » from the summary or from a correction starts a plain new round', async () => {
    const fromSummary = await run([...FIL_ALL, 'recommencer', 'Collège Jean Moulin']);
    expect(fromSummary.texts[10]).toBe(TITLE_Q);
    const fromEdit = await run([
      ...FIL_ALL,
      'modifier intitulé',
      'recommencer',
      ...FIL_ALL.slice(1, 4),
      'retour',
      'retour',
      'Pix Orga pour tous',
    ]);
    expect(fromEdit.texts.at(-1)).toBe(NEED_Q);
  });

  it('a flow removed since is closed with a notice naming it', async () => {
    const user = freshUser();
    await run(['demande de FIL'], { user });
    const key = `test:-:${user}`;
    const rec = (await store.read<PersonRecord>('people', key))!;
    rec.conversations.c.flow!.flowId = 'ancienne-demarche';
    await store.write('people', key, rec);
    const { texts } = await run(['Collège Jean Moulin'], { user });
    expect(texts[0]).toMatch(
      /^La démarche « ancienne-demarche » que vous aviez commencée a changé depuis : je l’ai fermée. Écrivez « aide » pour la reprendre./,
    );
  });

  it('a flow is kept up to the last moment of its time, and the clock restarts at each answer', async () => {
    const user = freshUser();
    await run(['demande de FIL'], { user });
    clock = new Date(NOW.getTime() + sharedEngine().settings.flowTtlMs);
    try {
      expect((await run(['Collège Jean Moulin'], { user })).texts[0]).toBe(TITLE_Q);
    } finally {
      clock = NOW;
    }
  });
});

describe('starting a flow', () => {
  it('a wish or an action word starts it; the operators’ counters see the start and the end', async () => {
    const wish = await run(['je voudrais animer un café numérique']);
    expect(wish.texts[0]).toMatch(/^Organisons votre café numérique/);
    expect(wish.rs[0].intent).toBe('flow.start');
    expect((await run(['planifier un café numérique'])).texts[0]).toMatch(/^Organisons votre café numérique/);
    // an action on a subject whose page ranks above the flow gets the page
    const page = await run(['déclarer une panne de vidéoprojecteur dans la salle informatique du collège']);
    expect(page.rs[0].intent).toBe('kb.answer');
    expect(page.rs[0].topic).toBe('assistance');
    const checklist = await run(['checklist GAR', 'terminé']);
    expect(checklist.rs.map((r) => r.intent)).toEqual(['flow.start', 'flow.done']);
    const commission = (await run([COMMISSION, '1', '1', 'oui'])).rs;
    expect([commission[0].intent, commission[3].intent]).toEqual(['flow.start', 'flow.done']);
  });
});

describe('what kind of turn each reply is, for the operators', () => {
  // the intent is in every TurnResult and in the « turn.answered » log line the operators read;
  // « flow.start » and « flow.done » also feed the activity counters
  it('names each kind of flow turn', async () => {
    const a = await run([
      ...FIL,
      'aide',
      'passer',
      'c’est quoi ce truc ?',
      'retour',
      'recommencer',
      'bonjour',
      'je veux signaler une panne',
      'continuer',
      'annuler',
      'annuler',
    ]);
    expect(a.rs.map((r) => r.intent)).toEqual([
      'flow.start',
      'flow.step',
      'flow.help',
      'flow.invalid',
      'flow.invalid',
      'flow.step',
      'flow.restart',
      'flow.resume',
      'flow.switch',
      'flow.resume',
      'flow.cancel',
      'flow.none',
    ]);
    const b = await run([COMMISSION, 'bof', '1', '1', 'non', 'modifier couleur']);
    expect(b.rs.map((r) => r.intent)).toEqual(['flow.start', 'flow.invalid', 'flow.step', 'flow.review', 'flow.review', 'flow.review']);
    const c = await run(['checklist GAR', 'aide', '1', 'je veux signaler une panne', 'non']);
    expect(c.rs.map((r) => r.intent)).toEqual(['flow.start', 'flow.help', 'flow.step', 'flow.switch', 'flow.resume']);
  });
});
