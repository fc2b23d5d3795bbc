import type { Niveau } from '../shared/types.js';

const NIVEAU: Record<Niveau, string> = { college: 'collège', lycee: 'lycée' };
const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`);

/** Every sentence of the reminders, the digest and the subscriptions, in one place for review. */
export const S = {
  digestLabel: 'le digest hebdomadaire (actualités, rappels de la semaine, « Le saviez-vous ? »)',
  digestShort: 'le digest hebdomadaire',
  subscribed: (labels: string[], niveau: Niveau) =>
    `C’est noté : vous recevrez ${list(labels)}, pour un ${NIVEAU[niveau]}. « mes rappels » les liste ; « désabonne-moi de tout » arrête tout. Après un an sans échange, ils s’arrêtent (je vous préviens un mois avant).`,
  already: (labels: string[]) => `Vous êtes déjà abonné(e) à ${list(labels)}.`,
  askNiveau: 'Pour vous envoyer ce qui vous concerne : vous êtes RUPN en collège ou en lycée ?',
  niveauChoices: [
    { label: 'Collège', value: 'collège' },
    { label: 'Lycée', value: 'lycée' },
  ],
  whatTopics: (labels: string[]) =>
    `Je peux vous envoyer : ${list(labels)}. Écrivez par exemple « abonne-moi au digest » ou « rappelle-moi le GAR à la rentrée ».`,
  noCalendar: 'Cette académie n’a pas encore de calendrier : je ne peux envoyer ni rappels ni digest.',
  mine: (lines: string[]) =>
    `Vos abonnements :\n${lines.map((l) => `- ${l}`).join('\n')}\n\n« désabonne-moi de tout » arrête tout ; « désabonne-moi du digest » n’arrête que lui.`,
  reminderLine: (date: string, text: string) => `rappel le ${date} : ${text}`,
  none: 'Vous n’êtes abonné(e) à rien : je ne vous envoie rien. Écrivez « abonne-moi au digest » ou « rappelle-moi le GAR à la rentrée ».',
  unsubscribed: (labels: string[]) => `C’est fait : vous ne recevrez plus ${list(labels)}.`,
  unsubscribedAll: 'C’est fait : vous ne recevrez plus rien de ma part (digest, rappels du calendrier, rappels promis).',
  nothingToStop: 'Vous n’étiez abonné(e) à rien : il n’y a rien à arrêter.',
  cannotWriteFirst:
    'Je ne peux pas vous écrire de moi-même ici : sur Tchap, les conversations privées sont chiffrées et le chiffrement de l’assistant n’est pas activé sur ce serveur. Je ne pourrai donc vous envoyer ni digest ni rappel personnel. Demandez à un administrateur d’abonner le salon de votre département, ou abonnez-vous depuis une autre messagerie.',
  roomSubscribed: (labels: string[], niveau?: Niveau) =>
    `C’est noté : ce salon recevra ${list(labels)}, pour les ${niveau ? `${NIVEAU[niveau]}s` : 'collèges et les lycées'}. « désabonne ce salon » arrête tout.`,
  roomUnsubscribed: 'C’est fait : ce salon ne recevra plus rien.',
  roomNotAdmin:
    'Seuls les administrateurs de l’assistant (liste RUPN_ADMINS) peuvent abonner un salon. Vous pouvez vous abonner vous-même : « abonne-moi au digest ».',
  footer: (label: string) => `Vous recevez ce message à votre demande (abonnement : ${label}). « désabonne-moi de tout » pour arrêter.`,
  tentative: (note: string) => `Date à confirmer (${note}).`,
  more: (url: string) => `En savoir plus : ${url}`,
  /** For an entry with no page to link to: the assistant itself has the rest. */
  askMe: (title: string) => `Pour la suite, écrivez-moi « ${title.replace(/^(le|la|les|l’|l')\s*/i, '')} ».`,
  renewal: {
    title: 'Vos abonnements arrivent à leur terme',
    text: (labels: string[], ends: string) =>
      `Votre abonnement (${list(labels)}) s’arrêtera le ${ends} : je ne garde rien plus d’un an après notre dernier échange. Répondez « garder mes abonnements » pour continuer (n’importe quelle réponse suffit) ; « désabonne-moi de tout » pour arrêter dès maintenant.`,
    kept: (ends: string) =>
      `C’est noté : vos abonnements continuent. Sans nouvel échange d’ici là, ils s’arrêteront le ${ends} ; je vous préviendrai un mois avant.`,
  },
  cafeTitle: 'Rappel : votre café numérique',
  reminderTitle: 'Rappel',
  digest: {
    title: (niveau: Niveau, week: string) => `Le digest des RUPN (${NIVEAU[niveau]}s), semaine du ${week}`,
    thisWeek: 'Cette semaine',
    nextWeek: 'La semaine prochaine',
    tentative: 'Dates de l’année scolaire encore à confirmer (calendrier en projet).',
    nothingDated: 'Rien de daté cette semaine ni la suivante.',
    news: 'Actualités',
    didYouKnow: 'Le saviez-vous ?',
    asked: 'Les questions les plus posées la semaine dernière',
    askedLine: (title: string, n: number) => `${title} (${n})`,
    holidays: (name: string) => `Pas de digest cette semaine : vacances (${name}).`,
    noYear: 'Cette date n’est dans aucune année scolaire du calendrier.',
  },
} as const;
