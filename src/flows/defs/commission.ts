import { say } from '../../shared/text.js';
import type { FlowDef } from '../types.js';
import { labelsOf } from './common.js';

const MODALITIES = [
  { label: 'Une commission numérique ad hoc', value: 'ad-hoc' },
  { label: 'Confier ses missions au conseil pédagogique', value: 'conseil-pedagogique' },
];
const MEMBERS = [
  { label: 'Le chef d’établissement (et/ou un membre de la direction)', value: 'direction' },
  { label: 'Le RUPN', value: 'rupn' },
  { label: 'Un membre d’intendance (agent comptable, gestionnaire)', value: 'intendance' },
  { label: 'Un enseignant référent par discipline (ou pôle), y compris le professeur documentaliste', value: 'referents' },
  { label: 'Un membre de la vie scolaire (CPE…)', value: 'vie-scolaire' },
  {
    label: 'Les personnes ayant des responsabilités dans le numérique (administrateurs ENT, responsables d’affectation GAR…)',
    value: 'numerique',
  },
  { label: 'Éventuellement des parents et des élèves élus (CA, CVL, CVC)', value: 'usagers' },
];

/** Commission numérique: a composition proposal and a first-meeting agenda. */
export const commissionFlow: FlowDef = {
  id: 'commission-numerique',
  version: 1,
  label: 'mettre en place la commission numérique',
  command: 'mettre en place la commission numérique',
  triggers: [
    'mettre en place une commission numérique',
    'créer la commission numérique',
    'composer la commission numérique',
    'préparer la première réunion de la commission numérique',
    'je veux monter une commission numérique',
  ],
  intro: 'Préparons la mise en place de la commission numérique : deux questions, puis une proposition de composition et un ordre du jour.',
  steps: [
    {
      id: 'modalite',
      label: 'Modalité',
      prompt: 'Sous quelle forme ? (« oui » : une commission ad hoc)',
      help: 'Le guide propose deux modalités : une commission numérique ad hoc, ou l’attribution de ses missions au conseil pédagogique.',
      choices: MODALITIES,
      defaultOnYes: 'ad-hoc',
    },
    {
      id: 'membres',
      label: 'Membres',
      prompt: 'Qui en fera partie ? Donnez les numéros, ou « tous » (« oui ») pour toute la liste du guide.',
      help: 'La liste est celle proposée à titre d’exemple par le guide. Le RUPN en est membre de droit.',
      choices: MEMBERS,
      multiple: true,
      defaultOnYes: MEMBERS.map((m) => m.value).join(' ; '),
    },
  ],
  finish: ({ slots, engine }) => {
    const chosen = new Set(slots.membres.split(' ; '));
    chosen.add('rupn');
    const members = labelsOf([...chosen].join(' ; '), MEMBERS);
    const form =
      slots.modalite === 'ad-hoc'
        ? 'Une commission numérique ad hoc, qui assiste le chef d’établissement et l’équipe de direction dans le pilotage du numérique.'
        : 'Les missions de la commission numérique sont confiées au conseil pédagogique, qui assiste le chef d’établissement et l’équipe de direction dans le pilotage du numérique.';
    const agenda = [
      'Présentation des rôles : chef d’établissement, RUPN (membre de droit), responsables d’affectation GAR, administrateurs ENT.',
      `État des lieux avec SCHEMATIC (auto-évaluation de la maturité numérique ; accès du chef d’établissement par ${engine.kb.academie.portail.nom}, délégation possible au RUPN).`,
      'Place du numérique dans le projet d’établissement et choix des indicateurs de suivi, en cohérence avec la feuille de route académique.',
      'Ressources numériques et GAR : abonnements, affectations, commission d’affectation.',
      'Besoins de formation (café numérique, FIL, PAF) et besoins d’équipement à signaler à la collectivité.',
      'Questions diverses et date de la prochaine réunion.',
    ];
    return {
      topic: 'commission-numerique',
      messages: [
        say(`Proposition de composition :\n\n${form}\n\n${members.map((m) => `- ${m}`).join('\n')}`),
        say(`Ordre du jour de la première réunion :\n\n${agenda.map((a, i) => `${i + 1}. ${a}`).join('\n')}`),
      ],
    };
  },
};
