import { monthYear } from '../../knowledge/answer.js';
import { say } from '../../shared/text.js';
import type { FlowDef } from '../types.js';
import { duration, freeText, headcount, school } from '../validators.js';

/** Demande de FIL: the fields the form asks for, ready to paste. */
export const filFlow: FlowDef = {
  id: 'fil',
  version: 1,
  label: 'préparer une demande de FIL',
  command: 'demande de FIL',
  triggers: [
    'je voudrais faire une demande de FIL',
    'demander une formation d initiative locale',
    'préparer une demande de formation d initiative locale',
    'remplir le formulaire FIL',
    'monter une FIL dans mon établissement',
    'faire une demande de formation pour l équipe',
  ],
  intro:
    'Je vais préparer avec vous le texte d’une demande de FIL (formation d’initiative locale) : 8 questions courtes, puis vous relirez le tout. Écrivez « aide » à tout moment.',
  steps: [
    {
      id: 'etablissement',
      label: 'Établissement',
      prompt: 'Pour quel établissement ? Donnez son nom et, si vous l’avez, son UAI (7 chiffres et une lettre, ex. 0331234X).',
      help: 'Le nom de l’établissement demandeur, par exemple « Collège Jean Moulin, 0330001A ». L’UAI (ex-RNE) est facultatif.',
      validate: school,
    },
    {
      id: 'intitule',
      label: 'Intitulé',
      prompt: 'Quel est l’intitulé de la formation souhaitée ?',
      help: 'Un titre court, par exemple « Prise en main de Pix Orga ».',
      validate: freeText(4, 150),
    },
    {
      id: 'objectifs',
      label: 'Besoin et objectifs',
      prompt: 'Quel besoin avez-vous identifié, et quels objectifs visez-vous ?',
      help: 'Décrivez en deux ou trois phrases le besoin constaté dans l’équipe et ce que les participants sauront faire après la formation.',
      validate: freeText(10),
    },
    {
      id: 'public',
      label: 'Public et participants',
      prompt: 'Quel public et combien de participants ?',
      help: 'Par exemple « 12 enseignants de toutes disciplines ».',
      validate: headcount,
    },
    {
      id: 'duree',
      label: 'Durée',
      prompt: 'Quelle durée envisagez-vous ?',
      help: 'Par exemple « 6 heures » ou « 2 demi-journées ».',
      validate: duration,
    },
    {
      id: 'periode',
      label: 'Période souhaitée',
      prompt: 'À quelle période souhaitez-vous la formation ?',
      help: 'Un mois ou des dates, par exemple « mars 2027 ».',
      validate: freeText(3, 200),
    },
    {
      id: 'formateur',
      label: 'Formateur pressenti',
      prompt: 'Avez-vous un formateur ou une formatrice en vue ?',
      help: 'Le nom d’un formateur ou d’un partenaire si vous en connaissez un ; sinon « passer ».',
      optional: true,
      validate: freeText(3, 200),
    },
    {
      id: 'projet',
      label: 'Lien avec le projet d’établissement',
      prompt: 'En quoi cette formation sert-elle le projet d’établissement (axe, priorité) ?',
      help: 'Citez l’axe du projet d’établissement ou du volet numérique auquel la formation répond.',
      validate: freeText(5),
    },
  ],
  finish: ({ slots, engine }) => {
    const { formulaire, notes } = engine.kb.academie.fil;
    const lines = [
      `- Établissement demandeur : ${slots.etablissement}`,
      `- Intitulé : ${slots.intitule}`,
      `- Besoin identifié et objectifs : ${slots.objectifs}`,
      `- Public et nombre de participants : ${slots.public}`,
      `- Durée : ${slots.duree}`,
      `- Période souhaitée : ${slots.periode}`,
      `- Formateur pressenti : ${slots.formateur || 'à définir'}`,
      `- Lien avec le projet d’établissement : ${slots.projet}`,
    ];
    return {
      topic: 'formation.fil',
      messages: [
        say(`Voici votre demande de FIL, prête à copier dans le formulaire :\n\n${lines.join('\n')}`),
        say(
          [
            `Formulaire de demande : ${formulaire}`,
            // The guide only says the établissement may solicit a FIL: no rule on who files it, no minimum headcount, no period.
            'Rappel : l’établissement peut solliciter une FIL pour un besoin de formation spécifique non programmé au PAF ; relisez ce texte avec votre chef d’établissement.',
            ...notes.map((n) => `Note (${monthYear(n.date)}) : ${n.text}`),
          ].join('\n\n'),
        ),
      ],
    };
  },
};
