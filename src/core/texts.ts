import type { Academie } from '../knowledge/schema.js';

/** The DANE as the fallback texts name it (from the pack's academie.yaml). */
type Dane = Pick<Academie['dane'], 'sigle' | 'telephone' | 'site'>;

/** « (a, b) » from the parts that are given, or nothing. */
const inParens = (...parts: (string | undefined)[]) => (parts.some(Boolean) ? ` (${parts.filter(Boolean).join(', ')})` : '');

/** Every sentence the core says, in one place so that it can be reviewed without reading code. */
export const T = {
  storeDown:
    'Je ne peux rien retenir pour le moment (mon stockage ne répond pas) : je vous réponds quand même, mais sans votre profil ni vos démarches en cours.',
  storeDownPrivacy:
    'Je n’arrive pas à accéder à mes données pour le moment : je ne peux ni vous les montrer ni les effacer. Réessayez dans quelques minutes.',
  internalError: 'Désolé, une erreur interne m’a empêché de répondre. Réessayez dans un instant.',
  empty:
    'Je n’ai reçu aucun texte. Posez-moi une question sur votre mission de RUPN (ENT, GAR, Pix, formation, assistance…), ou écrivez « aide ».',
  cut: (limit: number) => `Votre message était très long : je n’en ai lu que les ${limit} premiers caractères.`,
  noText: 'Je ne vois que des symboles ou des émojis. Pouvez-vous écrire votre question en quelques mots ?',
  hello:
    'Bonjour ! Je suis l’assistant des RUPN de l’académie. Posez-moi votre question (par exemple « qui est mon coordonnateur ? » ou « quel outil pour recueillir les travaux des élèves ? »), ou écrivez « aide ».',
  thanks: 'Avec plaisir ! N’hésitez pas si vous avez une autre question.',
  bye: 'Au revoir et bonne continuation !',
  howAreYou: 'Très bien, merci ! Que puis-je faire pour vous ?',
  urgent:
    'Je vois que c’est urgent. Dites-moi en une phrase de quoi il s’agit (une panne, un accès à l’ENT, les ressources GAR…) : je vous dirai vers qui vous tourner. Pour une panne qui bloque le travail, écrivez « signaler une panne » et je prépare le signalement avec vous.',
  mood: 'Courage ! La mission de RUPN s’ajoute au reste, c’est beaucoup. Si je peux vous faire gagner du temps, posez-moi votre question (ENT, GAR, Pix, une panne…), ou écrivez « aide ».',
  sorry:
    'Désolé si je ne vous ai pas aidé. Essayez de me dire votre besoin avec d’autres mots (par exemple « où trouver la console GAR ? »), ou écrivez « aide » pour voir ce que je sais faire ; pour le reste, votre coordonnateur départemental DANE est la bonne personne.',
  ack: 'Très bien. Autre chose ? Posez votre question quand vous voulez, ou écrivez « aide ».',
  comparing: (n: number) => `Voici ${n === 2 ? 'les deux' : `les ${n}`}, en bref, pour les comparer :`,
  severalParts: (n: number) => `Vous me posez ${n === 2 ? 'deux' : n} questions ; voici une réponse courte à chacune :`,
  outside: (where: string, academie: string, sigle: string) =>
    `${where} : c’est hors de l’${academie}. Je réponds aux RUPN des collèges et lycées de cette académie, et mes réponses (contacts, ENT, démarches) ne vaudraient pas pour votre établissement. Adressez-vous à la délégation au numérique éducatif de votre académie (${sigle === 'DANE' ? 'DANE ou DRANE' : sigle}) : ses coordonnées sont sur le site de votre rectorat.`,
  abroad: (country: string, academie: string) =>
    `${country ? `${country} : c’est` : 'Un établissement à l’étranger, c’est'} hors de l’${academie}. Je réponds aux RUPN des collèges et lycées de cette académie, et mes réponses (contacts, ENT, démarches) ne vaudraient pas pour votre établissement. Pour un établissement français à l’étranger, adressez-vous à votre direction et au réseau dont il dépend (AEFE, Mission laïque française), qui accompagnent le numérique éducatif de leurs établissements.`,
  english:
    'I can only answer in French: I am the assistant of the RUPN (the teachers in charge of digital education in each school) of the académie. Please ask your question in French, for example « qui est mon coordonnateur ? », or type « aide ».',
  who: 'Je suis un programme, pas une personne : l’assistant des RUPN (référents pour les usages pédagogiques du numérique) de l’académie. Je réponds à partir du guide RUPN de la DANE et je peux vous aider à préparer certaines démarches. Pour parler à quelqu’un, votre coordonnateur départemental DANE est la bonne personne. Écrivez « aide » pour en savoir plus.',
  /** What « aide » says; `ent` names the ENT of each niveau, `example` is a département of the académie. */
  help: (a: { sigle: string; ent: string; portail: string; example: string }) => [
    'Voici ce que je sais faire :',
    `- Répondre à vos questions sur la mission de RUPN, à partir du guide de la ${a.sigle} : fonctions et lettre de mission, IMP, commission numérique, SCHEMATIC, ${a.portail}, messagerie, RGPD, ENT (${a.ent}), GAR, Pix, formation (café numérique, FIL, PAF), maintenance et assistance, outils préconisés, coordonnateurs départementaux.`,
    `- Adapter mes réponses à votre établissement : dites-moi par exemple « je suis RUPN dans un collège ${a.example} ».`,
    '- « mes données » : voir ce que je garde sur vous ; « oublie-moi » : tout effacer.',
  ],
  helpFlows: (labels: string[]) => `- Vous guider pas à pas pour : ${labels.join(' ; ')}.`,
  unknownName: (name: string) =>
    `Je ne connais pas « ${name} » : le guide des RUPN n’en parle pas, et je préfère ne pas vous répondre avec une page qui traite d’autre chose.`,
  dontKnow: 'Je ne suis pas sûr d’avoir compris, et je préfère ne pas vous répondre au hasard.',
  outOfScope:
    'Je ne peux pas vous aider sur ce sujet : je réponds aux questions sur la mission de RUPN (ENT, GAR, Pix, formation, assistance, outils…).',
  /** Out of the guide's scope, with the service that handles it (`portail`: the staff portal's name). */
  elsewhere: (door: 'carriere' | 'etablissement' | 'eleves' | 'personnel', portail: string) =>
    `Je ne peux pas vous aider sur ce sujet : ${
      {
        carriere: `votre carrière, votre paie, vos congés, les concours et les mutations ne relèvent pas de la mission de RUPN. Le secrétariat de votre établissement vous orientera vers votre gestionnaire au rectorat (service des personnels) ; vos démarches en ligne passent par le portail ${portail}.`,
        etablissement:
          'la vie de l’établissement (élus lycéens ou collégiens, fêtes, cantine, voyages, emplois du temps, conseils) n’est pas du ressort du RUPN. Voyez avec votre chef d’établissement ou son adjoint, le CPE pour la vie scolaire et les élus, le gestionnaire pour la cantine et les voyages.',
        eleves:
          'le suivi d’un élève (notes, bulletins, orientation, discipline, accompagnement) ne relève pas de la mission de RUPN. Voyez avec le professeur principal, le CPE ou la direction de votre établissement ; pour l’orientation, le psychologue de l’Éducation nationale.',
        personnel:
          'votre matériel et vos comptes personnels (ordinateur, téléphone, box, messagerie privée) ne relèvent ni de la mission de RUPN ni de l’assistance de l’établissement. Voyez le vendeur, le fabricant ou votre fournisseur. Si c’est un équipement ou un compte de l’établissement, dites-le-moi (par exemple « un ordinateur de la salle info est en panne »).',
      }[door]
    } Pour le numérique éducatif (ENT, GAR, Pix, outils…), je reste à votre disposition.`,
  didYouMean: 'Vouliez-vous dire :',
  ambiguous: 'Votre question peut porter sur plusieurs sujets. Vouliez-vous dire :',
  pickNumber: 'Répondez par le numéro ou reformulez votre question.',
  inShort: (sentence: string) => `En bref : ${sentence}`,
  seeAlso: 'Voir aussi, sur le même sujet (répondez « 1 » pour l’afficher) :',
  seeAlsoGist: (gist: string) => `Sur le même sujet : ${gist} Pour la fiche entière, répondez « 1 » :`,
  yourCoordo: (departement: string, nom: string, email: string) =>
    `Pour en parler, votre interlocuteur à la DANE pour ${departement} est votre coordonnateur départemental : ${nom} (${email}).`,
  askHuman: (who: string) => `Pour une question que je ne sais pas traiter, adressez-vous à ${who}.`,
  humanDefault: (dane: Dane) =>
    `votre coordonnateur départemental ${dane.sigle} (dites-moi votre département pour avoir son nom) ou à la ${dane.sigle}${inParens(dane.telephone, dane.site)}`,
  humanCoordo: (nom: string, email: string, dane: Dane) =>
    `votre coordonnateur départemental ${dane.sigle}, ${nom} (${email}), ou à la ${dane.sigle}${inParens(dane.telephone ?? dane.site)}`,
  askDepartement: 'Dans quel département se trouve votre établissement ?',
  departementAgain: 'Je n’ai pas reconnu ce département. Répondez par un numéro de la liste, ou posez une autre question.',
  welcome: (known: boolean, newcomer = true) =>
    `${newcomer ? 'Bienvenue dans la fonction !' : 'Bonjour !'} ${known ? '' : 'Pour des réponses justes, dites-moi si vous êtes en collège ou en lycée, et dans quel département (par exemple « collège en Gironde »). '}Pour bien commencer, demandez-moi « quelles sont mes missions ? », « qui est mon coordonnateur ? » ou « comment se fait la lettre de mission ? », ou écrivez « aide » pour voir tout ce que je sais faire.`,
  profileSaved: (what: string) => `C’est noté : ${what}. J’adapterai mes réponses.`,
  noLonger: (forgotten?: string) =>
    `${forgotten ? `C’est noté, j’oublie : ${forgotten}.` : 'C’est noté.'} Où êtes-vous maintenant ? Dites-le-moi comme ceci : « je suis en collège dans les Landes ».`,
  profileWhat: (parts: string[]) => parts.join(', '),
  flowOffer: (label: string, trigger: string) => `Je peux aussi vous guider pour ${label} : écrivez « ${trigger} ».`,
  myData: {
    intro: 'Voici tout ce que je garde sur vous :',
    nothing: 'Je ne garde rien sur vous pour l’instant.',
    profile: (s: string) => `Profil : ${s}`,
    noProfile: 'Profil : vide',
    flow: (label: string, n: number) =>
      `Démarche en cours : ${label} (${n} réponse${n > 1 ? 's' : ''} enregistrée${n > 1 ? 's' : ''})${n ? ' :' : ''}`,
    answer: (label: string, value: string) => `${label} : ${value}`,
    emptyAnswer: '(vide)',
    reminder: (date: string, text: string) => `Rappel prévu le ${date} : ${text}`,
    progress: (label: string, n: number) => `${label} : ${n} étape${n > 1 ? 's' : ''} cochée${n > 1 ? 's' : ''}`,
    subscription: (what: string) => `Abonnement : ${what} (« désabonne-moi de tout » pour arrêter)`,
    digest: 'le digest hebdomadaire',
    since: (d: string) => `Enregistré depuis le ${d}`,
    /** Where it is kept and who sees it: the answer to « qui lit ce que j'écris ? », « mes données vont où ? ». */
    where:
      'Rien de ce qui vous concerne n’est transmis à votre établissement ni à personne d’autre ; la messagerie que vous utilisez (Tchap, Slack…) garde l’historique de la conversation selon ses propres règles.',
    /** The rights of the RGPD in the assistant's own words; `dpd`: the académie's data protection officer, if the pack names one. */
    rights: (dpd?: { nom: string; email?: string }) =>
      `Vos droits : ce message montre tout ce que je garde ; redites-moi votre profil pour le corriger (« je suis RUPN en lycée ») ; « oublie-moi » efface tout ; « désabonne-moi de tout » arrête les rappels.${dpd ? ` Une question sur vos données : ${dpd.nom}${dpd.email ? `, ${dpd.email}` : ''}.` : ''}`,
    /** `besides`: said after the sentence on unanswered questions. */
    never: (besides: boolean) =>
      `${besides ? 'À part cela, je' : 'Je'} ne garde ni l’historique ni le texte de vos messages ; seules les réponses d’une démarche en cours sont conservées, le temps de la démarche, et le sujet de ma dernière réponse (avec le département qu’elle nommait), 30 minutes, pour comprendre une question de suite comme « et en lycée ? ». Après un an sans échange, tout est effacé automatiquement.`,
  },
  /** Said by « mes données » and « aide » when unanswered questions are recorded (`sigle`: the DANE's). */
  unanswered: (sigle: string) =>
    `Les questions auxquelles je n’ai pas su répondre sont gardées 90 jours, sans rien qui dise qui les a posées (aucun identifiant ; adresses, numéros et liens retirés du texte), pour que la ${sigle} complète mes réponses ; l’administrateur de l’assistant peut désactiver cet enregistrement (RUPN_RECORD_UNANSWERED=false).`,
  forgotten: 'C’est fait : j’ai effacé tout ce que je gardais sur vous (profil, démarches en cours, rappels). Vous repartez de zéro.',
  nothingToForget: 'Je ne gardais rien sur vous : il n’y a rien à effacer.',
  profilePart: { departement: 'votre département', niveau: 'votre niveau (collège ou lycée)' },
  forgotPart: (what: string) =>
    `C’est fait : j’ai oublié ${what}. Le reste de ce que je garde est inchangé (« mes données » pour le voir).`,
  nothingToForgetPart: (what: string) => `Je ne connaissais pas ${what} : il n’y a rien à effacer.`,
  confirmErase: (profile: string) =>
    `Voulez-vous que j’efface tout ce que je garde sur vous${profile ? ` (profil : ${profile}, démarches en cours, rappels)` : ' (démarches en cours, rappels)'} ? Répondez « oui » pour tout effacer, « non » pour garder.`,
  eraseYes: 'Oui, tout effacer',
  eraseNo: 'Non, garder',
  eraseCancelled: 'D’accord, je n’efface rien.',
  nothingToCancel: 'Il n’y a aucune démarche en cours à annuler.',
  niveau: { college: 'collège', lycee: 'lycée' } as const,
};
