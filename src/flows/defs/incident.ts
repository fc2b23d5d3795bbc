import { de } from '../../knowledge/academie.js';
import { say } from '../../shared/text.js';
import { normalize } from '../../nlu/normalize.js';
import { F } from '../texts.js';
import type { FlowContext, FlowDef } from '../types.js';
import { freeText, headcount, placeIn, sinceIn } from '../validators.js';
import { NIVEAU_CHOICES, niveauOf, YES_NO } from './common.js';

const URGENCY = [
  { label: 'Bloquant : on ne peut plus travailler', value: 'bloquant', short: 'Bloquant' },
  { label: 'Gênant : on contourne', value: 'genant', short: 'Gênant' },
  { label: 'Peut attendre', value: 'faible', short: 'Peut attendre' },
];

/** « depuis lundi » under the heading « Depuis » reads « lundi ». */
const since = (s: string) => s.replace(/^\s*depuis\s+/i, '').trim() || s;

/** The first sentence, cut on a word: a ticket's object is a line, the description says it all. */
function headline(s: string, max = 60): string {
  const first = s
    .split(/(?<=[.!?])\s/)[0]
    .trim()
    .replace(/[.!?]+$/, '');
  if (first.length <= max) return first;
  return first.slice(0, max).replace(/\s+\S*$/, '') + '…';
}

const CHECKS = [
  'Vérifier les branchements (alimentation, câble réseau, vidéoprojecteur) et les voyants.',
  'Redémarrer l’appareil, puis tester avec un autre compte ou un autre poste.',
  'Vérifier les réglages simples (source d’entrée, volume, écran étendu, imprimante par défaut).',
  'Noter le message d’erreur exact et l’heure, ou faire une capture d’écran.',
];

/** The ENT of the person's niveau, and its own assistance channel if it has one. */
const entOf = (ctx: FlowContext) => {
  const niveau = niveauOf(ctx);
  return niveau ? ctx.engine.kb.academie.ent[niveau] : undefined;
};

/** Where to report the problem: the ENT's own channel, or the assistance platform (and the IT team of the niveau). */
function desk(ctx: FlowContext): string {
  const { portail, assistance } = ctx.engine.kb.academie;
  const niveau = niveauOf(ctx);
  const ent = entOf(ctx);
  const team = niveau && assistance.equipes[niveau];
  if (ctx.slots.ent === 'oui' && ent?.assistance) {
    const list = ent.assistance.liste;
    const admins = list ? ` ; les administrateurs peuvent aussi écrire à la liste ${list.nom} (${list.email})` : '';
    return `Pour un problème ${de(ent.nom)} : utilisez l’application « ${ent.assistance.application} » dans l’ENT${admins}. Le canal principal reste ${assistance.plateforme} (portail ${portail.nom}, rubrique « ${assistance.rubrique} »).`;
  }
  const access = `accessible depuis le portail ${portail.nom} (${portail.url}), rubrique « ${assistance.rubrique} »`;
  return team
    ? `Déposez votre demande sur ${assistance.plateforme}, ${access} : c’est le canal principal. Vous êtes aussi en liaison avec l’équipe d’assistance informatique ${team}.`
    : `Déposez votre demande sur la plateforme d’assistance ${assistance.plateforme}, ${access}.`;
}

/** Signaler une panne: routed to the right desk by niveau, with the niveau 1 checks and the ticket text. */
export const incidentFlow: FlowDef = {
  id: 'incident',
  version: 1,
  label: 'signaler une panne ou un incident',
  command: 'signaler une panne',
  triggers: [
    'signaler une panne',
    'signaler un incident informatique',
    'déclarer une panne',
    'ouvrir un ticket',
    'faire un ticket d assistance',
    'mon ordinateur est en panne',
    'le vidéoprojecteur ne marche plus',
    'rien ne fonctionne dans la salle informatique',
  ],
  intro: 'Je vais vous aider à signaler ce problème au bon service, avec un texte de ticket prêt à coller. Écrivez « aide » à tout moment.',
  steps: [
    {
      id: 'niveau',
      label: 'Niveau',
      prompt: 'Votre établissement est-il un collège ou un lycée ?',
      help: 'La plateforme d’assistance est la même pour les collèges et les lycées ; le niveau me dit quel ENT et quelle équipe d’assistance vous concernent.',
      choices: NIVEAU_CHOICES,
      // read only when no choice is recognised: « les deux », « cité scolaire » asks which part is concerned
      validate: (text) => ({
        error: /\b(deux|cite scolaire|college et (le )?lycee|lycee et (le )?college)\b/.test(normalize(text))
          ? 'Pour une cité scolaire, répondez selon le matériel ou le bâtiment concerné : « collège » ou « lycée » (l’ENT et l’équipe d’assistance en dépendent).'
          : F.badChoice,
      }),
      prefill: (ctx) => ctx.niveau,
    },
    {
      id: 'ent',
      label: 'Problème propre à l’ENT',
      prompt: (ctx) => `Le problème concerne-t-il l’ENT ${entOf(ctx)!.nom} ?`,
      help: 'Pour un problème propre à l’ENT de votre établissement, il existe une chaîne d’assistance interne à l’ENT.',
      choices: YES_NO,
      when: (ctx) => Boolean(entOf(ctx)?.assistance),
    },
    {
      id: 'quoi',
      label: 'Problème',
      prompt: 'Quel est le problème ? Donnez-en une courte description (une ou deux phrases).',
      help: 'Par exemple « le vidéoprojecteur ne s’allume plus » ou « impossible de se connecter au réseau Wi-Fi ».',
      validate: freeText(5),
    },
    {
      id: 'ou',
      label: 'Lieu ou matériel',
      prompt: 'Où cela se passe-t-il (salle, bâtiment, matériel concerné) ?',
      help: 'La salle et, si possible, le numéro d’inventaire ou le nom du poste.',
      validate: freeText(2, 200),
      readAlong: { from: 'quoi', read: placeIn },
    },
    {
      id: 'depuis',
      label: 'Depuis',
      prompt: 'Depuis quand ?',
      help: 'Par exemple « ce matin », « depuis lundi », « depuis la rentrée ».',
      validate: freeText(2, 120),
      readAlong: { from: 'quoi', read: sinceIn },
    },
    {
      id: 'personnes',
      label: 'Personnes touchées',
      prompt: 'Combien de personnes sont touchées ?',
      help: 'Un nombre, par exemple « 1 », « 25 élèves » ou « 3 classes, environ 80 élèves ».',
      validate: headcount,
    },
    {
      id: 'urgence',
      label: 'Urgence',
      prompt: 'Quelle est l’urgence ?',
      help: 'Bloquant : le travail est impossible ; gênant : on contourne ; peut attendre : sans effet immédiat. Vous pouvez aussi la décrire avec vos mots.',
      choices: URGENCY,
      validate: freeText(2, 120),
    },
  ],
  finish: (ctx) => {
    const s = ctx.slots;
    const where = desk(ctx);
    const level = URGENCY.find((u) => u.value === s.urgence);
    const urgency = level?.label ?? s.urgence;
    const ticket = [
      `Objet : [${level?.short ?? 'Incident'}] ${s.ou} : ${headline(s.quoi)}`,
      `Lieu / matériel : ${s.ou}`,
      `Depuis : ${since(s.depuis)}`,
      `Personnes touchées : ${s.personnes}`,
      `Urgence : ${urgency}`,
      `Description : ${s.quoi}`,
      'Vérifications déjà faites : (indiquez celles de la liste ci-dessus)',
    ];
    return {
      topic: 'assistance',
      messages: [
        say(`Où le signaler : ${where}`),
        say(`Avant d’envoyer, les vérifications de niveau 1 à tenter :\n\n${CHECKS.map((c) => `- ${c}`).join('\n')}`),
        say(`Texte du ticket, à copier :\n\n${ticket.map((l) => `- ${l}`).join('\n')}`),
        say(
          'Depuis 2013, la maintenance des équipements relève de la collectivité (département pour les collèges, région pour les lycées) : le RUPN fait le lien, il n’a pas à tout réparer lui-même.',
        ),
      ],
    };
  },
};
