import { say } from '../../shared/text.js';
import type { FlowDef } from '../types.js';
import { freeText } from '../validators.js';
import { labelsOf } from './common.js';

const FUNCTIONS = [
  { label: 'Conseil de l’équipe de direction dans le pilotage du numérique', value: 'conseil' },
  { label: 'Accompagnement des équipes pédagogiques', value: 'accompagnement' },
  { label: 'Administration des services numériques (ENT, GAR…)', value: 'administration' },
  { label: 'Lien avec les équipes chargées de l’équipement et de la maintenance (facultatif)', value: 'maintenance' },
];
const PARTNERS = [
  { label: 'Gestionnaire réseau', value: 'gestionnaire réseau' },
  { label: 'Administrateur ENT', value: 'administrateur ENT' },
  { label: 'AED TICE', value: 'AED TICE' },
  { label: 'Professeur documentaliste', value: 'professeur documentaliste' },
  { label: 'Aucun partage', value: 'aucun' },
];
const IMP = [
  { label: 'Une IMP (taux à préciser)', value: 'imp' },
  { label: 'Pas d’IMP mentionnée', value: 'sans' },
  { label: 'À négocier', value: 'negocier' },
];

/** Lettre de mission: a draft to negotiate with the head of school. */
export const lettreMissionFlow: FlowDef = {
  id: 'lettre-mission',
  version: 1,
  label: 'rédiger une lettre de mission',
  command: 'rédiger ma lettre de mission',
  triggers: [
    'rédiger ma lettre de mission',
    'préparer une lettre de mission de RUPN',
    'faire un brouillon de lettre de mission',
    'je veux écrire ma lettre de mission',
    'm aider à écrire la lettre de mission',
  ],
  intro: 'Préparons un projet de lettre de mission, à négocier avec votre chef d’établissement. Quatre questions.',
  steps: [
    {
      id: 'etablissement',
      label: 'Établissement',
      prompt: 'Quel est le nom de votre établissement ?',
      help: 'Par exemple « Lycée Montesquieu », avec la ville si vous le souhaitez.',
      validate: freeText(3, 150),
    },
    {
      id: 'fonctions',
      label: 'Fonctions',
      prompt:
        'Quelles fonctions la lettre confie-t-elle au RUPN ? Donnez les numéros (ex. « 1, 2, 3 »), ou « oui » pour les trois fonctions du guide.',
      help: 'Le guide distingue trois fonctions ; la quatrième (lien avec l’équipement et la maintenance) dépend du contexte local. Les missions doivent rester avant tout pédagogiques.',
      choices: FUNCTIONS,
      multiple: true,
      defaultOnYes: 'conseil ; accompagnement ; administration',
    },
    {
      id: 'partage',
      label: 'Domaines partagés avec',
      prompt:
        'Certains domaines sont-ils partagés avec d’autres personnes ? Donnez les numéros, « oui » pour les trois cités par le guide (1, 2, 3), ou « non ».',
      help: 'Dans les grands établissements, des domaines peuvent être partagés avec un gestionnaire réseau, un administrateur ENT, un AED TICE… Répondez « non » s’il n’y a aucun partage.',
      choices: PARTNERS,
      multiple: true,
      defaultOnYes: 'gestionnaire réseau ; administrateur ENT ; AED TICE',
      valueOnNo: 'aucun',
    },
    {
      id: 'imp',
      label: 'Indemnité',
      prompt: 'Que dit la lettre de l’indemnité (IMP) ? (« oui » : une IMP, taux à préciser)',
      help: 'La mission peut être reconnue par une IMP (décret n° 2015-475 du 27 avril 2015).',
      choices: IMP,
      defaultOnYes: 'imp',
    },
  ],
  finish: ({ slots, engine }) => {
    const { dane, lettreMission } = engine.kb.academie;
    const fonctions = labelsOf(slots.fonctions, FUNCTIONS);
    const partage = labelsOf(slots.partage, PARTNERS).filter((p) => p !== 'Aucun partage');
    const imp =
      slots.imp === 'imp'
        ? 'Cette mission donne lieu au versement d’une indemnité pour mission particulière (IMP), selon les modalités du décret n° 2015-475 et de l’arrêté du 27 avril 2015, au taux de … (à préciser).'
        : slots.imp === 'negocier'
          ? 'La reconnaissance de cette mission (IMP, décret n° 2015-475 du 27 avril 2015) sera précisée avec le chef d’établissement.'
          : '';
    const letter = [
      `Lettre de mission du référent pour les usages pédagogiques du numérique (RUPN) - ${slots.etablissement}`,
      'Vu le décret n° 2015-475 du 27 avril 2015, le chef d’établissement désigne M./Mme … comme RUPN pour l’année scolaire … .',
      'Le RUPN exerce les fonctions suivantes :',
      fonctions.map((f) => `- ${f}`).join('\n'),
      partage.length ? `Les domaines d’intervention suivants sont partagés avec : ${partage.join(', ')} (préciser la répartition).` : '',
      'Les missions du RUPN restent avant tout pédagogiques. Le RUPN est membre de droit de la commission numérique de l’établissement.',
      imp,
      'Fait à …, le … . Le chef d’établissement / Le RUPN',
    ].filter(Boolean);
    const messages = [
      say(`Voici un projet de lettre de mission, à compléter et à négocier avec votre chef d’établissement :\n\n${letter.join('\n\n')}`),
    ];
    if (lettreMission.modele) messages.push(say(`Le modèle de la ${dane.sigle} est disponible ici : ${lettreMission.modele}`));
    return { topic: 'rupn.designation', messages };
  },
};
