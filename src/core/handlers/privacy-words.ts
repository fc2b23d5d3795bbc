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
/** What the person said to it. */
const TALK = set('echange echanges conversation conversations message messages question questions');
const KEEP = set(
  'garde gardes conserve conserves enregistre enregistres enregistrees enregistres stocke stockes stockees retiens retenu memorise memorises note notes notees sais connais collecte collectes archive archives sauvegarde sauvegardes acces revends vends partages partagees partagee transmets transmises lis lus lu lue lues lit voit voient vues confidentiel confidentielle confidentielles recuperer exporter espionnes fliques surveilles',
);
/** Verbs of keeping that only data can be the object of. */
const STORE_ONLY = set('stockes enregistres collectes memorises archives sauvegardes revends espionnes fliques surveilles');
const ERASE = set(
  'reset raz efface effaces effacez effacer effacement supprime supprimes supprimez supprimer suppression vire vires virez virer retire retires retirez retirer enleve enleves enlevez enlever oublie oublies oubliez oublier detruis detruisez detruire reinitialise reinitialiser raye rayer nettoie nettoies purge jette jettes',
);
/** Other systems: a question about them is for the knowledge base (« supprimer mes messages sur l'ENT »). */
const ELSEWHERE = set(
  'ent pronote messagerie mail mails courriel courriels casier classe classes eleve eleves parents compte comptes ose lycee connecte pix gar nextcloud tribu arena moodle drive cloud usb ordinateur ordinateurs tablette tablettes serveur site academie collegues collegue',
);

const ABOUT_ME =
  /\b(sur moi|de moi|me concernant|a mon sujet|qui je suis|ou je (travaille|bosse|enseigne)|ce que je (te |vous )?(dis|ecris|demande|raconte)|ce que (je t ai|je vous ai|j ai) (dit|ecrit|demande|raconte))\b/;
const RIGHT_TO_ERASE = /\bdroit (a l oubli|a l effacement|d effacement|de suppression)\b/;
/** The other rights of the RGPD: what is kept is shown, with how to have it corrected. */
const OTHER_RIGHTS = /\bdroit (d acces|de rectification|a la portabilite|de portabilite|d opposition|a la limitation)\b/;

/** What of the profile a request to forget names (« oublie mon département », « efface mon niveau »), if only that. */
export function forgetPart(normalized: string): 'departement' | 'niveau' | undefined {
  if (!normalized.split(' ').some((w) => ERASE.has(w))) return undefined;
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
  if (OTHER_RIGHTS.test(normalized)) return 'show';
  const aboutMe = ABOUT_ME.test(normalized);
  if (has(ELSEWHERE) && !aboutMe) return undefined;
  const addressed = has(ADDRESSED);
  const mine = has(MINE);
  const data = has(DATA);
  const talk = has(TALK);
  const object = aboutMe || (data && (addressed || mine)) || (talk && (addressed || mine));
  // « oublie tout », « tu peux tout effacer ? »: everything the assistant keeps, confirmed once by the caller
  const everything = (addressed || words.length <= 8) && words.some((w) => w === 'tout' || w === 'total' || w === 'complet');
  if (has(ERASE)) return object ? 'erase' : everything ? 'erase-vague' : undefined;
  const keep = has(KEEP) || words.includes('quoi');
  if (keep && object) return 'show';
  if (addressed && words.some((w) => STORE_ONLY.has(w))) return 'show';
  return undefined;
}
