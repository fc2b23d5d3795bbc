import { addDays, parisInstant } from '../../schedule/time.js';
import { say } from '../../shared/text.js';
import type { FlowDef } from '../types.js';
import { freeText, frenchDate, frenchMonth, futureDayOrMonth, timeOfDay } from '../validators.js';
import { YES_NO } from './common.js';

const TIMES = [
  { label: '12h30 (pause méridienne)', value: '12h30' },
  { label: '13h00 (pause méridienne)', value: '13h00' },
  { label: '17h00 (après les cours)', value: '17h00' },
];

/** Café numérique: an announcement for colleagues, and a reminder the day before if wanted. */
export const cafeFlow: FlowDef = {
  id: 'cafe-numerique',
  version: 1,
  label: 'organiser un café numérique',
  command: 'organiser un café numérique',
  triggers: [
    'organiser un café numérique',
    'préparer un café numérique',
    'je veux animer un café numérique',
    'annoncer un café numérique aux collègues',
    'planifier un café numérique',
  ],
  intro:
    'Organisons votre café numérique (une trentaine de minutes pour présenter une pratique, un outil ou des ressources). Cinq questions, puis je rédige l’annonce.',
  steps: [
    {
      id: 'theme',
      label: 'Thème',
      prompt: 'Quel en sera le thème ?',
      help: 'Une pratique, un outil ou des ressources, par exemple « Créer un parcours Pix Orga pour sa classe ».',
      validate: freeText(4, 150),
    },
    {
      id: 'date',
      label: 'Date',
      prompt: 'À quelle date ? (par exemple 12/03/2027, « jeudi 12 mars », ou un mois si le jour n’est pas fixé)',
      help: 'Une date à venir, ou un mois (« mars 2027 ») si le jour reste à fixer.',
      validate: futureDayOrMonth,
      format: (v) => (v.length === 7 ? frenchMonth(v) : frenchDate(v)),
    },
    {
      id: 'heure',
      label: 'Heure',
      prompt: 'À quelle heure ? Le guide cite la pause méridienne ou un autre moment opportun ; choisissez un numéro ou écrivez une heure.',
      help: 'Choisissez un numéro ou écrivez une heure comme « 12h45 ».',
      choices: TIMES,
      validate: timeOfDay,
      readAlong: { from: 'date', read: timeOfDay },
    },
    {
      id: 'salle',
      label: 'Salle',
      prompt: 'Dans quelle salle ?',
      help: 'Par exemple « CDI » ou « salle 204 ».',
      validate: freeText(2, 100),
    },
    {
      id: 'animateur',
      label: 'Animé par',
      prompt: 'Qui l’anime ? (vous, un ou une collègue, un partenaire : le nom de l’animateur ou de l’animatrice)',
      help: 'Le café peut être animé par vous, par des collègues ayant une pratique innovante ou par des partenaires.',
      validate: freeText(2, 150),
    },
    {
      id: 'rappel',
      label: 'Rappel la veille',
      prompt: 'Voulez-vous que je vous le rappelle la veille ?',
      help: 'Je vous enverrai un message la veille au matin (vous pourrez l’effacer avec « oublie-moi »).',
      choices: YES_NO,
      // never offered where it could not be delivered
      when: (ctx) => ctx.canWriteFirst && /^\d{4}-\d{2}-\d{2}$/.test(ctx.slots.date ?? ''),
    },
  ],
  finish: (ctx) => {
    const s = ctx.slots;
    const day = s.date.length === 7 ? frenchMonth(s.date) : frenchDate(s.date);
    const when = s.date.length === 7 ? `Courant ${day} (jour à préciser), à ${s.heure}` : `Le ${day} à ${s.heure}`;
    const announce = [
      `☕ Café numérique : ${s.theme}`,
      `${when}, ${s.salle}, pendant une trentaine de minutes.`,
      `Animé par ${s.animateur}. Venez découvrir, échanger et poser vos questions : entrée libre, apportez votre café !`,
    ];
    const messages = [
      say(`Voici l’annonce à diffuser à vos collègues :\n\n${announce.join('\n\n')}`),
      say(
        'Rappel : le café numérique se met en place après accord du chef d’établissement ; présentez-lui le projet avant de diffuser l’annonce.',
      ),
    ];
    if (s.rappel === 'oui') {
      // the day before at 08:00, Paris time (the scheduler's personal reminders job sends it)
      const due = parisInstant(addDays(s.date, -1), '08:00').toISOString();
      ctx.person.reminders = ctx.person.reminders.filter((r) => !(r.kind === 'cafe-numerique' && r.due === due));
      ctx.person.reminders.push({
        id: `cafe-${s.date}`,
        kind: 'cafe-numerique',
        due,
        text: `Café numérique demain (${day}) à ${s.heure}, ${s.salle} : ${s.theme}`,
        conversation: ctx.conversation,
      });
      messages.push(say(`C’est noté : je vous le rappellerai la veille, le ${frenchDate(due.slice(0, 10))}.`));
    } else if (!ctx.canWriteFirst && /^\d{4}-\d{2}-\d{2}$/.test(s.date))
      messages.push(
        say(
          'Je ne peux pas vous envoyer de rappel ici : sur Tchap, les conversations privées sont chiffrées et le chiffrement de l’assistant n’est pas activé. Notez la date dans votre agenda.',
        ),
      );
    return { topic: 'formation.cafe-numerique', messages };
  },
};
