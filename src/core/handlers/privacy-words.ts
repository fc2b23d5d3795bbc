import { fixTypos } from './typos.js';

/**
 * Privacy requests in plain words, read from classes of words rather than
 * fixed sentences: who is addressed (the assistant), what is kept (data,
 * profile, what I said), what is done with it (keep, store, erase), and
 * whether the message is about another system (the ENT, Pix, pupils' data),
 * in which case it is a question for the knowledge base, not a request.
 */

const set = (s: string) => new Set(s.split(' '));

/** The assistant, spoken to. */
const ADDRESSED = set('tu t te toi ta ton tes vous votre vos bot assistant robot');
/** The person's own. */
const MINE = set('mes mon ma moi me m nos notre');
/** What the assistant keeps. */
const DATA = set(
  'donnee donnees info infos information informations profil fiche memoire trace traces historique rgpd personnelles personnel consentement base fichier',
);
/** Who the person is, as a thing kept (« tu as mon nom ? »), when it is theirs and not someone else's (« le numéro de mon coordo »). */
const MY_ID_RE =
  /\b(mon|ma|mes) (nom|prenom|identite|identifiant|adresse|adresse mail|adresse email|e ?mail|numero|telephone|compte)\b(?! (de|du|d|des|ent|pix|gar|pronote|ose|gmail|arena|eleve|eleves) )(?!.* (de|du|d|des) (mon|ma|mes|la|le|l) )/;
/** What the person said to it. */
const TALK = set('echange echanges conversation conversations message messages question questions reponses demandes ecrits');
/** The stem of a French verb form (« conservez », « enregistrées », « gardes » → « conserv », « enregistr », « gard »). */
function stem(word: string): string {
  for (const end of ['ees', 'ee', 'es', 'ez', 'er', 'ent', 'ons', 'e', 's'])
    if (word.endsWith(end) && word.length - end.length >= 3) return word.slice(0, -end.length);
  return word;
}
/** A class of verbs: regular ones by stem (every person, tense and participle), irregular forms listed. */
function verbs(stems: string, forms: string): (word: string) => boolean {
  const regular = set(stems);
  const irregular = set(forms);
  return (w) => irregular.has(w) || regular.has(stem(w));
}
/** Keeping, reading, sharing what the person said. */
const KEEP = verbs(
  'gard conserv enregistr stock memoris not collect archiv sauvegard partag heberg recuper export espionn flic surveill anonymis utilis exploit consult proteg securis',
  'retiens retient retenez retenu retenue retenues retenir sais savez connais connaissez acces transmets transmet transmettez transmis transmise transmises ' +
    'lis lit lisent lisez lire lu lue lus lues voit voient vois voyez voir vu vue vues vends vend vendez vendre vendues vendus revends revendez revendre ' +
    'confidentiel confidentielle confidentiels confidentielles souviens souvenez rappelles rappelez anonyme anonymes',
);
/** Having, going somewhere: said of what is plainly the person's (« tu as mon nom ? », « mes données vont où ? »), not of any data. */
const HAVE = set('as avez a detiens detenez possedes possedez vont va partent part passent envoyees envoyes deviennent');
/** The person's own data or words, said as such (« mes infos », « nos échanges »). */
const MY_OWN =
  /\b(mes|mon|ma|nos|notre) (donnees|infos|informations|profil|fiche|historique|questions|messages|conversations|conversation|echanges|reponses|demandes|traces)\b/;
/** Verbs of keeping that only data can be the object of. */
const STORE_ONLY = set(
  'stockes stockez enregistres enregistrez collectes collectez memorises memorisez archives archivez sauvegardes sauvegardez revends revendez espionnes espionnez fliques fliquez surveilles surveillez hebergez',
);
/** Erasing, in every form (« supprime », « supprimées », « virez »). */
const ERASE = verbs(
  'effac supprim vir retir enlev oubli ray nettoi purg degag jett',
  'reset raz effacement suppression detruis detruisez detruire detruit detruites reinitialise reinitialiser purge nettoyer videz vider',
);
/** « ne retiens plus mon département », « arrête de garder mes questions »: keeping, stopped, is erasing. */
const NO_LONGER_KEEP =
  /\b(ne (me |m )?(garde|gardes|gardez|retiens|retenez|memorise|memorises|memorisez|stocke|stockes|stockez|conserve|conserves|conservez|enregistre|enregistres|enregistrez|note|notes|notez) plus|(arrete|arretez|cesse|cessez) de (garder|retenir|memoriser|stocker|conserver|enregistrer|noter))\b/;
/** Whether the message asks to erase, by an erasing verb or by keeping stopped. */
const erasing = (normalized: string, words: string[]): boolean => words.some(ERASE) || NO_LONGER_KEEP.test(normalized);
/** Other systems: a question about them is for the knowledge base (« supprimer mes messages sur l'ENT »). */
const ELSEWHERE = set(
  'ent pronote messagerie mail mails courriel courriels casier classe classes eleve eleves parents comptes ose lycee connecte pix gar nextcloud tribu arena moodle drive cloud usb ordinateur ordinateurs tablette tablettes serveur site academie collegues collegue paie salaire carence bulletin traitement role mission',
);

const ABOUT_ME =
  /\b(sur moi|de moi|me concernant|ce qui me concerne|a mon sujet|qui je suis|ou je (travaille|bosse|enseigne)|ce que (je|j) (te |t |vous )?(dis|ecris|demande|raconte|tape|envoie)|ce que (je t ai|je vous ai|j ai|tu m as|vous m avez) (dit|ecrit|demande|raconte|tape|envoye|repondu))\b/;
/** « tu as gardé mon département ? »: a part of the profile, right after a verb of keeping (not « le coordo de mon département »). */
const MY_PROFILE_KEPT =
  /\b(garde|gardes|gardez|retenu|retiens|retenez|note|notes|notez|enregistre|enregistres|enregistrez|sais|savez|connais|connaissez|memorise|memorises|memorisez)( bien| deja| encore| toujours)? (mon|ma) (departement|niveau|etablissement|college|lycee|ville|commune)\b/;
/** « les questions que je pose », « quand je te parle »: the person's words, unless another system is named (« les questions que je pose aux élèves dans Pix »). */
const MY_WORDS =
  /\b((questions?|messages?|reponses?|choses) (que|qu) (je|j) (te |t |vous )?(pose|ecris|tape|envoie|dis|demande|raconte|saisis)|quand (je|j) (te|t|vous) (parle|ecris|pose|demande|utilise))\b/;
/** The processing of my data named as such (« le traitement de mes données »): not the salary that « traitement » also names. */
const MY_DATA = /\b(traitement|utilisation|usage|conservation|stockage|hebergement) (de|des) (mes|nos) (donnees|infos|informations)\b/;
const myId = (n: string) => MY_ID_RE.test(n);
/** « je m'oppose… », « je veux récupérer / corriger mes données »: a right of the RGPD, in plain words. */
const RIGHT_WORDS =
  /\b(m oppose|opposer|opposition|recuperer|recupere|exporter|exporte|portabilite|copie|corriger|corrige|rectifier|rectifie|modifier|modifie|mettre a jour)\b/;
/** « tu peux m'oublier », « oublie-moi », « efface-moi de ta mémoire »: the person, as the object of erasing. */
const ERASE_ME =
  /(^|\b(tu|vous|je veux que tu|je voudrais que tu|peux tu|pouvez vous|tu peux|vous pouvez) )(m|me) (oublie|oublies|oubliez|oublier|efface|effaces|effacez|effacer|supprime|supprimes|supprimez|supprimer|raye|rayes|rayer|vire|vires|virez|virer|retire|retires|retirez|retirer)( (de|d) (ta|votre) (memoire|base|liste|fichier)| completement| definitivement| pour de bon| stp| svp| s il (te|vous) plait| merci)*$/;
/** « remets à zéro », « reset »: the whole memory, asked in a word (confirmed by the caller). */
const RESET =
  /^((on|tu peux|peux tu|vous pouvez) )?(remets|remet|remettez|remettre|reinitialise|reinitialisez|reinitialiser|reset|raz|repart|repartons|repartir|vide|videz|vider)( (a|tout a|de) zero| tout| toi| vous| (ta|votre) memoire)*( stp| svp| merci)?$/;
/** Whole messages about the assistant's memory with no object named (« tu me connais ? », « c'est confidentiel ? »). */
const ABOUT_US =
  /^((est ce que|dis|dites) )?((tu|vous) (me|m) (connais|connaissez|reconnais|reconnaissez|remets|remettez)( deja| encore| bien)?|(c est|tout ca c est|ca reste|ca c est|c est bien|notre (conversation|echange) est|nos echanges sont|ce que je (te |vous )?(dis|ecris) (c )?est) (confidentiel|confidentielle|confidentiels|anonyme|prive|privee|secret|entre nous)( ou pas)?)$/;
/** « combien de temps tu gardes ça ? »: how long, asked of the assistant's keeping. */
const HOW_LONG = /\b(combien de temps|jusqu a quand|pendant combien|duree de conservation|quelle duree)\b/;
/** « tu lis mes mails ? »: the assistant reading the person's mail, which it cannot; said so with what it keeps. */
const READS_MY_MAIL =
  /\b(tu|vous) (lis|lisez|regardes|regardez|vois|voyez|as acces a|avez acces a) (mes|nos) (mails|courriels|messages|e mails)\b/;
/** « comment exercer mes droits RGPD ? »: the person's rights over their data. */
const MY_RIGHTS = /\b(mes|nos) droits\b.*\b(rgpd|donnees|cnil|informatique et libertes)\b|\b(rgpd|cnil)\b.*\b(mes|nos) droits\b/;
/** « ce bot respecte le RGPD ? », « tu es conforme au RGPD ? »: the assistant's own compliance, not the school's. */
const BOT_AND_RGPD =
  /^(?=.*\b(rgpd|cnil|conforme|conformite)\b)(?=.*(\b(ce|cet|le|l|cette|votre|ton) (bot|chatbot|assistant)\b|^(est ce que )?(tu|vous) (es|etes|respectes|respectez)\b))/;
const RIGHT_TO_ERASE = /\bdroit (a l oubli|a l effacement|d effacement|de suppression)\b/;
/** « je veux corriger mon département », « je me suis trompé de niveau »: the profile to correct, shown with how (not « changer de département », a transfer). */
const CORRECT_MY_PROFILE =
  /\b((corriger|corrige|rectifier|rectifie|modifier|modifie|changer|change|mettre a jour) (mon|ma) (departement|niveau|profil)|(trompe|trompee) de (departement|niveau))\b/;
/** The other rights of the RGPD: what is kept is shown, with how to have it corrected. */
const OTHER_RIGHTS = /\bdroit (d acces|de rectification|a la portabilite|de portabilite|d opposition|a la limitation)\b/;

/** What of the profile a request to forget names (« oublie mon département », « efface mon niveau »), if only that. */
export function forgetPart(normalized: string): 'departement' | 'niveau' | undefined {
  if (!erasing(normalized, normalized.split(' '))) return undefined;
  if (/\b(tout|profil|donnees|infos|informations|memoire|fiche)\b/.test(normalized)) return undefined;
  if (/\b(mon departement|ma ville|ou je (travaille|bosse|enseigne)|mon lieu|ma commune)\b/.test(normalized)) return 'departement';
  if (/\b(mon niveau|college ou lycee|lycee ou college)\b/.test(normalized)) return 'niveau';
  return undefined;
}

/** `show` (what is kept), `erase` (the person's data, at once), `erase-vague` (« oublie tout »: to confirm) or nothing, for a normalised message. */
export function privacyRequest(normalized: string): 'show' | 'erase' | 'erase-vague' | undefined {
  const words = normalized.split(' ');
  const has = (s: Set<string>) => words.some((w) => s.has(w));
  if (words.length > 25) return undefined;
  if (RIGHT_TO_ERASE.test(normalized)) return 'erase';
  if (OTHER_RIGHTS.test(normalized) || (words.length <= 12 && CORRECT_MY_PROFILE.test(normalized))) return 'show';
  if (RESET.test(normalized)) return 'erase-vague';
  if (ABOUT_US.test(normalized) || READS_MY_MAIL.test(normalized) || MY_RIGHTS.test(normalized)) return 'show';
  if (words.length <= 10 && BOT_AND_RGPD.test(normalized)) return 'show';
  if (words.length <= 10 && MY_PROFILE_KEPT.test(normalized) && !erasing(normalized, words)) return 'show';
  if (ERASE_ME.test(normalized)) return 'erase';
  const aboutMe = ABOUT_ME.test(normalized) || MY_DATA.test(normalized);
  if (has(ELSEWHERE) && !aboutMe) return undefined;
  const myWords = MY_WORDS.test(normalized);
  const own = myId(normalized) || MY_OWN.test(normalized);
  const addressed = has(ADDRESSED);
  const mine = has(MINE);
  const data = has(DATA);
  const talk = has(TALK);
  const object = aboutMe || myWords || own || (data && (addressed || mine)) || (talk && (addressed || mine));
  if (RIGHT_WORDS.test(normalized) && (aboutMe || own)) return 'show';
  // « oublie tout », « tu peux tout effacer ? »: everything the assistant keeps, confirmed once by the caller
  const everything = (addressed || words.length <= 8) && words.some((w) => w === 'tout' || w === 'total' || w === 'complet');
  if (erasing(normalized, words)) return object ? 'erase' : everything ? 'erase-vague' : undefined;
  const keep = words.some(KEEP) || words.includes('quoi');
  if (keep && object) return 'show';
  if (has(HAVE) && (aboutMe || own || myWords)) return 'show';
  if (addressed && words.some((w) => STORE_ONLY.has(w))) return 'show';
  if (addressed && words.some(KEEP) && HOW_LONG.test(normalized)) return 'show';
  return undefined;
}

/** What the assistant sends (« le digest », « tes rappels », « la lettre du lundi »), as people name it. */
const SENDINGS =
  /\b(digest|rappels?|abonnements?|notifs?|notifications?|envois?|relances?|alertes?|newsletter|lettre (du lundi|hebdo|hebdomadaire|de la semaine)|resume de la semaine|liste de diffusion)\b/;
/** Its messages, as the person's: « tes messages », « vos mails ». */
const YOUR_MESSAGES = /\b(tes|vos|ces|les|des) (messages|mails|courriels|e mails)\b/;
const STOP =
  /\b(arrete|arretes|arretez|arreter|stop|stoppe|stopper|plus de|annule|annulez|annuler|coupe|coupez|couper|desactive|desactivez|desactiver|supprime|supprimez|supprimer|retire|retirez|retirer|enleve|enlevez|enlever)\b/;
/** « ne m'écris plus », « je ne veux plus recevoir… », « arrête de m'envoyer… »: sending, refused. */
const NO_MORE =
  /\b(ne m (envoie|envoies|envoyez|ecris|ecrivez|ecrit|relance|relancez|spamme|spammez) (plus|pas)|(veux|voudrais|souhaite|souhaiterais) (plus|pas|ne plus|ne pas|plus jamais) (recevoir|etre (relance|relancee|prevenu|prevenue))|ne (plus|pas|jamais plus) (m|me|nous) (envoyer|ecrire|relancer|notifier|prevenir)|ne plus recevoir|(arrete|arretez|arreter|stop|cesse|cessez) (de|d) (m|me|nous) (envoyer|ecrire|relancer|spammer|prevenir|notifier))\b/;
/** What may follow a refusal of sendings for it to be the assistant's: nothing, « rien », « tes messages »… */
const OURS_OR_NOTHING =
  /^((de|d|des|les|tes|vos|ces|tous|toutes|plus) )*(messages?|mails?|courriels?|rien|nouvelles|notifs?|notifications?|trucs?|choses?|machins?|quoi que ce soit)?( (de|d) (ta|votre) part)?( (stp|svp|merci|s il (te|vous) plait))*$/;
/** « désabonne-moi », « désinscris-moi du digest »: not a pupil unsubscribed from Pix (« désinscrire un élève de Pix »). */
const UNSUBSCRIBE_VERB = /\b(desabonne|desabonnes|desabonnez|desabonner|desinscris|desinscrivez|desinscrire|desinscrit)\b/;
const UNSUBSCRIBE_ME =
  /\b(desabonne|desabonnez|desinscris|desinscrivez) (moi|nous)\b|\b(me|m|nous) (desabonner|desinscrire)\b|\bje (me|m) (desabonne|desinscris)\b/;
/** Another system's notifications (« arrêter les notifications de Pronote »): a question for the knowledge base. */
const OTHER_SYSTEM =
  /\b(ent|pronote|ose|lycee connecte|pix|gar|nextcloud|tribu|moodle|magistere|telephone|portable|smartphone|appli|application|outlook|gmail|thunderbird|navigateur|messagerie|webmail)\b/;
const SOMEONE_ELSE =
  /\b(eleve|eleves|classe|classes|collegue|collegues|parent|parents|parcours|formation|session|stage|webinaire|cafe|magistere|pix orga)\b/;

/** True when the person asks the assistant to stop writing to them (reminders, digest, its messages), in plain words, typos allowed. */
export function stopSending(normalized: string): boolean {
  if (stopsSending(normalized)) return true;
  const fixed = fixTypos(normalized);
  return fixed !== normalized && stopsSending(fixed);
}

function stopsSending(normalized: string): boolean {
  // « désabonne-moi » is about subscriptions only; « me désinscrire du café numérique » may be the session itself
  if (/\b(desabonne|desabonnez) (moi|nous)\b|\b(me|m|nous) desabonner\b|\bje (me|m) desabonne\b/.test(normalized)) return true;
  if (OTHER_SYSTEM.test(normalized)) return false;
  if (SOMEONE_ELSE.test(normalized) && !/\b(moi|me|m|nous)\b/.test(normalized)) return false;
  if (UNSUBSCRIBE_VERB.test(normalized)) return UNSUBSCRIBE_ME.test(normalized) || SENDINGS.test(normalized);
  const refused = NO_MORE.exec(normalized);
  // « ne m'écris plus », « …recevoir tes messages »: what is refused is the assistant's sending, not « le lien »
  if (refused) return SENDINGS.test(normalized) || OURS_OR_NOTHING.test(normalized.slice(refused.index + refused[0].length).trim());
  return STOP.test(normalized) && (SENDINGS.test(normalized) || (YOUR_MESSAGES.test(normalized) && /\brecevoir\b/.test(normalized)));
}
