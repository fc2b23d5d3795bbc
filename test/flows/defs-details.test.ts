import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { replyText } from '../../src/shared/text.js';
import type { IncomingMessage, TurnResult } from '../../src/shared/types.js';
import type { PersonRecord } from '../../src/state/people.js';
import { memoryStore } from '../../src/state/store.js';
import { freshUser, sharedEngine } from '../helpers/assistant.js';

/**
 * What each flow hands over at the end, word for word: the FIL request, the
 * café announcement and its reminder, the incident ticket, the commission's
 * composition and agenda, the mission letter, the GAR checklist.
 */
const NOW = new Date('2026-11-29T10:00:00Z');
const store = memoryStore();
const assistant = createAssistant(store, { engine: sharedEngine(), now: () => NOW });

/** Sends each line as one person; returns every result. */
async function run(lines: string[], extra: Partial<IncomingMessage> = {}): Promise<TurnResult[]> {
  const user = extra.user ?? freshUser();
  const out: TurnResult[] = [];
  for (const text of lines) out.push(await assistant.handle({ platform: 'test', workspace: '-', user, conversation: 'c', text, ...extra }));
  return out;
}
const lastText = (rs: TurnResult[]) => replyText(rs.at(-1)!);

const CAFE = ['organiser un café numérique', 'Créer un parcours Pix Orga'];
const ANNOUNCE =
  'Voici l’annonce à diffuser à vos collègues :\n\n☕ Café numérique : Créer un parcours Pix Orga\n\nLe vendredi 12 mars 2027 à 12h30, CDI, pendant une trentaine de minutes.\n\nAnimé par Claire. Venez découvrir, échanger et poser vos questions : entrée libre, apportez votre café !\n\nRappel : le café numérique se met en place après accord du chef d’établissement ; présentez-lui le projet avant de diffuser l’annonce.';
const TCHAP =
  'Je ne peux pas vous envoyer de rappel ici : sur Tchap, les conversations privées sont chiffrées et le chiffrement de l’assistant n’est pas activé. Notez la date dans votre agenda.';

describe('demande de FIL: the text to paste in the form', () => {
  const answers = [
    'demande de FIL',
    'Collège Jean Moulin',
    'Prise en main de Pix Orga',
    'Accompagner les équipes dans le suivi des parcours Pix',
    '12 enseignants',
    '6 heures',
    'mars 2027',
  ];
  const doc = (formateur: string) =>
    `Voici votre demande de FIL, prête à copier dans le formulaire :\n\n- Établissement demandeur : Collège Jean Moulin\n- Intitulé : Prise en main de Pix Orga\n- Besoin identifié et objectifs : Accompagner les équipes dans le suivi des parcours Pix\n- Public et nombre de participants : 12 enseignants\n- Durée : 6 heures\n- Période souhaitée : mars 2027\n- Formateur pressenti : ${formateur}\n- Lien avec le projet d’établissement : Axe 2 : compétences numériques\n\nFormulaire de demande : https://ppe.orion.education.fr/academie//itw/answer/35-eV3-ayIAzWL1y601_wQ\n\nRappel : l’établissement peut solliciter une FIL pour un besoin de formation spécifique non programmé au PAF ; relisez ce texte avec votre chef d’établissement.\n\nNote (septembre 2022) : la DAFPEN citée par le guide est devenue l’EAFC (École académique de la formation continue).`;

  it('every field under its own name, the trainer named, the form and the notes after', async () => {
    const rs = await run([...answers, 'Mme Durand, formatrice EAFC', 'Axe 2 : compétences numériques', 'oui']);
    expect(lastText(rs)).toBe(doc('Mme Durand, formatrice EAFC'));
    // the topic the follow-up questions are read against
    expect(rs.at(-1)!.topic).toBe('formation.fil');
  });

  it('« passer » on the trainer leaves it empty in the summary and « à définir » in the request', async () => {
    const user = freshUser();
    const rs = await run([...answers, 'passer', 'Axe 2 : compétences numériques'], { user });
    expect(lastText(rs)).toContain('- Formateur pressenti : (vide)\n');
    expect(lastText(await run(['oui'], { user }))).toBe(doc('à définir'));
  });
});

describe('café numérique: the announcement and the reminder', () => {
  it('a full date: the announcement, the reminder the day before, kept in « mes données »', async () => {
    const user = freshUser();
    const rs = await run([...CAFE, '12/03/2027', '1', 'CDI', 'Claire', 'oui'], { user });
    expect(lastText(rs)).toContain('- Date : vendredi 12 mars 2027\n');
    const done = await run(['oui'], { user });
    expect(lastText(done)).toBe(`${ANNOUNCE}\n\nC’est noté : je vous le rappellerai la veille, le jeudi 11 mars 2027.`);
    expect(done[0].topic).toBe('formation.cafe-numerique');
    const record = await store.read<PersonRecord>('people', `test:-:${user}`);
    expect(record!.reminders).toEqual([
      {
        id: 'cafe-2027-03-12',
        kind: 'cafe-numerique',
        due: '2027-03-11T07:00:00.000Z',
        text: 'Café numérique demain (vendredi 12 mars 2027) à 12h30, CDI : Créer un parcours Pix Orga',
        conversation: 'c',
      },
    ]);
  });

  it('the same café planned twice keeps one reminder; another date adds a second', async () => {
    const user = freshUser();
    const plan = (date: string) => run([...CAFE, date, '1', 'CDI', 'Claire', 'oui', 'oui'], { user });
    await plan('12/03/2027');
    await plan('12/03/2027');
    const once = lastText(await run(['mes données'], { user }));
    expect(once.match(/Rappel prévu le/g)).toHaveLength(1);
    await plan('19/03/2027');
    const twice = lastText(await run(['mes données'], { user }));
    expect(twice).toContain('- Rappel prévu le 11/03/2027 : Café numérique demain (vendredi 12 mars 2027)');
    expect(twice).toContain('- Rappel prévu le 18/03/2027 : Café numérique demain (vendredi 19 mars 2027)');
  });

  it('« non » to the reminder: no reminder, and no Tchap notice where the assistant can write', async () => {
    const user = freshUser();
    const rs = await run([...CAFE, '12/03/2027', '1', 'CDI', 'Claire', 'non', 'oui'], { user });
    expect(lastText(rs)).toBe(ANNOUNCE);
    expect(lastText(await run(['mes données'], { user }))).not.toContain('Rappel prévu');
  });

  it('on Tchap without encryption: no reminder offered, a notice with a full date, none with a month', async () => {
    const user = freshUser();
    const dated = await run([...CAFE, '12/03/2027', '1', 'CDI', 'Claire'], { user, canWriteFirst: false });
    expect(lastText(dated)).toMatch(/^Voici le récapitulatif/);
    expect(lastText(dated)).not.toContain('Rappel la veille');
    expect(lastText(await run(['oui'], { user, canWriteFirst: false }))).toBe(`${ANNOUNCE}\n\n${TCHAP}`);
    const month = await run([...CAFE, 'mars 2027', '1', 'CDI', 'Claire', 'oui'], { canWriteFirst: false });
    expect(lastText(month)).not.toContain('Tchap');
  });

  it('where the assistant says it can write first, the reminder is offered', async () => {
    const rs = await run([...CAFE, '12/03/2027', '1', 'CDI', 'Claire'], { canWriteFirst: true });
    expect(lastText(rs)).toContain('Voulez-vous que je vous le rappelle la veille ?');
  });

  it('a café set for a month: its summary shows no reminder line, and its list of fields has none either', async () => {
    const rs = await run([...CAFE, 'mars 2027', '1', 'CDI', 'Claire', 'non']);
    expect(lastText(rs.slice(0, -1))).not.toContain('Rappel la veille');
    expect(rs.at(-1)!.messages[0].choices!.map((c) => c.label)).toEqual(['Thème', 'Date', 'Heure', 'Salle', 'Animé par']);
  });
});

describe('signaler une panne: where to report, and the ticket', () => {
  const CHECKS =
    'Avant d’envoyer, les vérifications de niveau 1 à tenter :\n\n- Vérifier les branchements (alimentation, câble réseau, vidéoprojecteur) et les voyants.\n- Redémarrer l’appareil, puis tester avec un autre compte ou un autre poste.\n- Vérifier les réglages simples (source d’entrée, volume, écran étendu, imprimante par défaut).\n- Noter le message d’erreur exact et l’heure, ou faire une capture d’écran.';
  const MAINTENANCE =
    'Depuis 2013, la maintenance des équipements relève de la collectivité (département pour les collèges, région pour les lycées) : le RUPN fait le lien, il n’a pas à tout réparer lui-même.';

  it('a lycée ENT problem goes to the ENT’s own channel; an urgency in words and a long first sentence', async () => {
    const rs = await run([
      'signaler une panne',
      'lycée',
      'oui',
      'Les ordinateurs portables de la classe mobile ne se connectent plus au réseau Wi-Fi. Le technicien est prévenu.',
      'salle 12',
      'hier soir, depuis la mise à jour',
      '3 classes',
      'Très urgent, examen demain',
      'oui',
    ]);
    expect(lastText(rs)).toBe(
      [
        'Où le signaler : Pour un problème de Lycée connecté : utilisez l’application « ASSISTANCE ENT » dans l’ENT ; les administrateurs peuvent aussi écrire à la liste LycCon (ent-lyccon-admin@ac-bordeaux.fr). Le canal principal reste AMÉRANA (portail ARÉNA, rubrique « support et assistance »).',
        CHECKS,
        'Texte du ticket, à copier :\n\n- Objet : [Incident] salle 12 : Les ordinateurs portables de la classe mobile ne se…\n- Lieu / matériel : salle 12\n- Depuis : hier soir, depuis la mise à jour\n- Personnes touchées : 3 classes\n- Urgence : Très urgent, examen demain\n- Description : Les ordinateurs portables de la classe mobile ne se connectent plus au réseau Wi-Fi. Le technicien est prévenu.\n- Vérifications déjà faites : (indiquez celles de la liste ci-dessus)',
        MAINTENANCE,
      ].join('\n\n'),
    );
    expect(rs.at(-1)!.topic).toBe('assistance');
  });

  it('a collège (no team, no ENT channel) goes to the platform; « Gênant » and the object without its « !!! »', async () => {
    const rs = await run([
      'signaler une panne',
      'collège',
      'Le site www.ent.fr est inaccessible!!! Aucun accès.',
      'CDI',
      'depuis lundi',
      '1',
      '2',
      'oui',
    ]);
    const text = lastText(rs);
    expect(text).toContain(
      'Où le signaler : Déposez votre demande sur la plateforme d’assistance AMÉRANA, accessible depuis le portail ARÉNA (https://portailrh.ac-bordeaux.fr), rubrique « support et assistance ».\n\n',
    );
    expect(text).toContain('- Objet : [Gênant] CDI : Le site www.ent.fr est inaccessible\n');
    expect(text).toContain('- Depuis : lundi\n');
    expect(text).toContain('- Urgence : Gênant : on contourne\n');
  });

  it('a lycée problem outside the ENT names the platform and the lycées’ team; a first sentence of 60 characters is kept whole', async () => {
    const first = 'Le vidéoprojecteur de la salle B204 ne s’allume plus du tout';
    expect(first).toHaveLength(60);
    const rs = await run(['signaler une panne', 'lycée', 'non', `${first}. Merci.`, 'salle 12', 'ce matin', '25 élèves', '3', 'oui']);
    const text = lastText(rs);
    expect(text).toContain(
      'Où le signaler : Déposez votre demande sur AMÉRANA, accessible depuis le portail ARÉNA (https://portailrh.ac-bordeaux.fr), rubrique « support et assistance » : c’est le canal principal. Vous êtes aussi en liaison avec l’équipe d’assistance informatique e-Anna.',
    );
    expect(text).toContain('- Objet : [Peut attendre] salle 12 : Le vidéoprojecteur de la salle B204 ne s’allume plus du tout\n');
  });
});

describe('signaler une panne: a cité scolaire', () => {
  it('« collège et lycée » is asked which part is concerned, then the flow goes on', async () => {
    const rs = await run(['signaler une panne', 'collège et lycée', 'bof', 'lycée']);
    expect(lastText(rs.slice(0, 2))).toMatch(/^Pour une cité scolaire, répondez selon le matériel ou le bâtiment concerné/);
    expect(lastText(rs.slice(0, 3))).toMatch(/^Je n’ai pas reconnu votre choix\./);
    expect(rs[3].intent).toBe('flow.step');
  });
});

describe('commission numérique: composition and first agenda', () => {
  it('the conseil pédagogique, the chosen members and the RUPN always; a numbered agenda', async () => {
    const rs = await run(['je veux mettre en place une commission numérique', '2', '1, 3', 'oui']);
    expect(lastText(rs)).toBe(
      'Proposition de composition :\n\nLes missions de la commission numérique sont confiées au conseil pédagogique, qui assiste le chef d’établissement et l’équipe de direction dans le pilotage du numérique.\n\n- Le chef d’établissement (et/ou un membre de la direction)\n- Un membre d’intendance (agent comptable, gestionnaire)\n- Le RUPN\n\nOrdre du jour de la première réunion :\n\n1. Présentation des rôles : chef d’établissement, RUPN (membre de droit), responsables d’affectation GAR, administrateurs ENT.\n2. État des lieux avec SCHEMATIC (auto-évaluation de la maturité numérique ; accès du chef d’établissement par ARÉNA, délégation possible au RUPN).\n3. Place du numérique dans le projet d’établissement et choix des indicateurs de suivi, en cohérence avec la feuille de route académique.\n4. Ressources numériques et GAR : abonnements, affectations, commission d’affectation.\n5. Besoins de formation (café numérique, FIL, PAF) et besoins d’équipement à signaler à la collectivité.\n6. Questions diverses et date de la prochaine réunion.',
    );
    expect(rs.at(-1)!.topic).toBe('commission-numerique');
  });

  it('members named in words are each kept (« le RUPN et la vie scolaire » is two)', async () => {
    const rs = await run(['je veux mettre en place une commission numérique', '1', 'le RUPN et la vie scolaire', 'oui']);
    expect(lastText(rs)).toContain('- Le RUPN\n- Un membre de la vie scolaire (CPE…)\n');
  });
});

describe('lettre de mission: the draft', () => {
  const head =
    'Voici un projet de lettre de mission, à compléter et à négocier avec votre chef d’établissement :\n\nLettre de mission du référent pour les usages pédagogiques du numérique (RUPN) - Lycée Montesquieu\n\nVu le décret n° 2015-475 du 27 avril 2015, le chef d’établissement désigne M./Mme … comme RUPN pour l’année scolaire … .\n\nLe RUPN exerce les fonctions suivantes :\n\n';
  const tail =
    'Fait à …, le … . Le chef d’établissement / Le RUPN\n\nLe modèle de la DANE est disponible ici : https://dane.ac-bordeaux.fr/2d/';
  const missions =
    'Les missions du RUPN restent avant tout pédagogiques. Le RUPN est membre de droit de la commission numérique de l’établissement.\n\n';

  it('no sharing and no IMP: no empty paragraph, no sharing line, no IMP sentence', async () => {
    const rs = await run(['je veux rédiger ma lettre de mission', 'Lycée Montesquieu', '1, 4', 'non', '2', 'oui']);
    expect(lastText(rs)).toBe(
      `${head}- Conseil de l’équipe de direction dans le pilotage du numérique\n- Lien avec les équipes chargées de l’équipement et de la maintenance (facultatif)\n\n${missions}${tail}`,
    );
    expect(rs.at(-1)!.topic).toBe('rupn.designation');
  });

  it('one partner and an IMP to negotiate', async () => {
    const rs = await run(['je veux rédiger ma lettre de mission', 'Lycée Montesquieu', '2', '3', '3', 'oui']);
    expect(lastText(rs)).toBe(
      `${head}- Accompagnement des équipes pédagogiques\n\nLes domaines d’intervention suivants sont partagés avec : AED TICE (préciser la répartition).\n\n${missions}La reconnaissance de cette mission (IMP, décret n° 2015-475 du 27 avril 2015) sera précisée avec le chef d’établissement.\n\n${tail}`,
    );
  });
});

describe('GAR checklist: ticking steps', () => {
  const list = (ticks: string, lycee = false) =>
    [
      `1. [${ticks[0]}] Faire désigner les responsables d’affectation : ${lycee ? 'le chef d’établissement les ajoute au groupe manuel « RESP-AFFECT-GAR » dans la console d’administration de Lycée connecté.' : 'le chef d’établissement les désigne dans l’application DÉCADE (portail ARÉNA).'}`,
      `2. [${ticks[1]}] Vérifier que chaque responsable d’affectation accède à la console GAR depuis l’ENT.`,
      `3. [${ticks[2]}] Vérifier les abonnements : ressources nationales et territoriales (automatiques), ressources acquises par l’établissement (souscrites par le service de gestion).`,
      `4. [${ticks[3]}] Affecter les ressources aux élèves et aux enseignants dans la console GAR.`,
      `5. [${ticks[4]}] Réunir la commission d’affectation des ressources numériques (vivement conseillée).`,
      `6. [${ticks[5]}] Informer les collègues : les ressources sont dans le MÉDIACENTRE de l’ENT (page GAR de la DANE : https://dane.ac-bordeaux.fr/gar/).`,
    ].join('\n');
  const END = ' Répondez par un numéro pour cocher ou décocher une étape, « terminé » pour fermer la liste (elle reste enregistrée).';

  it('without a niveau: the collège texts and the lycée’s note; numbers out of the list and words are not steps', async () => {
    const rs = await run(['checklist GAR', 'euh', '7', '0']);
    expect(replyText(rs[0])).toBe(
      `Checklist GAR de rentrée (je ne connais pas votre niveau : pour un lycée, la désignation passe par le groupe RESP-AFFECT-GAR de Lycée connecté) :\n\n${list('      ')}\n\nReste 6 étape(s) sur 6.${END}`,
    );
    for (const r of rs.slice(1))
      expect(replyText(r)).toBe(
        `Je n’ai pas reconnu de numéro d’étape. Écrivez par exemple « 2 », « fait pour le 3 » ou « pas fait le 1 ».\n\n${list('      ')}\n\nReste 6 étape(s) sur 6.${END}`,
      );
  });

  it('a collège’s list in its own words; the last step ticks; « merci » after a number is not « close »', async () => {
    const user = freshUser();
    const rs = await run(['je suis RUPN dans un collège', 'checklist GAR', '6', 'fait le 3 merci', 'merci pour le 2'], { user });
    expect(replyText(rs[1])).toBe(`Checklist GAR de rentrée :\n\n${list('      ')}\n\nReste 6 étape(s) sur 6.${END}`);
    expect(replyText(rs[2])).toBe(`C’est noté.\n\n${list('     x')}\n\nReste 5 étape(s) sur 6.${END}`);
    expect(replyText(rs.at(-1)!)).toBe(`C’est noté.\n\n${list(' xx  x')}\n\nReste 3 étape(s) sur 6.${END}`);
  });

  it('all done says so; « fait » with nothing left is not a step; « terminé » closes the list for good', async () => {
    const user = freshUser();
    const rs = await run(['je suis RUPN en lycée', 'checklist GAR', '1 2 3 4 5', 'fait', 'fait', 'terminé', '2'], { user });
    expect(replyText(rs[3])).toBe(`C’est noté.\n\n${list('xxxxxx', true)}\n\nTout est fait : bonne rentrée !${END}`);
    expect(replyText(rs[4])).toMatch(/^Je n’ai pas reconnu de numéro d’étape/);
    expect(replyText(rs[5])).toBe('Liste fermée ; vos coches sont enregistrées. Écrivez « checklist GAR » pour la rouvrir.');
    expect(rs[6].intent).not.toMatch(/^flow/);
  });

  it('« aide » explains the checklist, and a greeting shows the list again', async () => {
    const rs = await run(['checklist GAR', 'aide', 'bonjour']);
    expect(replyText(rs[1])).toBe(
      'Répondez par le numéro d’une étape pour la cocher (ou la décocher si elle l’était) ; « terminé » ferme la liste, vos coches restent enregistrées d’un jour à l’autre.\n\nÀ tout moment : « retour » revient à la question précédente, « recommencer » repart de zéro, « annuler » abandonne.',
    );
    expect(replyText(rs[2])).toMatch(/^Nous en étions à la démarche « suivre la checklist GAR de rentrée » ; vos réponses sont gardées/);
    expect(replyText(rs[2])).toContain(list('      '));
  });
});
