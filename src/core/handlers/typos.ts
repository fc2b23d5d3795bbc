import { editDistance } from '../../nlu/fuzzy.js';

/**
 * The words that privacy requests and courtesy are read from, as they are
 * spelt: a word typed one letter off (« suprime », « donées », « desabone »,
 * « rapels ») is read as the word. The knowledge base's speller does not
 * know them (they are not the guide's words), so these steps correct their
 * own vocabulary, and nothing else.
 */
const VOCABULARY = (
  'supprime supprimes supprimez supprimer supprimee supprimees suppression efface effaces effacez effacer effacement oublie oublies oubliez oublier ' +
  'retire retirez retirer enleve enlevez enlever detruis detruire reinitialise reinitialiser ' +
  'donnees informations infos profil fiche memoire historique messages message questions question conversation conversations echanges ' +
  'enregistre enregistres enregistrez enregistrer conserve conserves conservez conserver stocke stockes stockez stocker garde gardes gardez garder ' +
  'memorise memorises collecte collectes sauvegarde sauvegardes confidentiel anonyme personnelles ' +
  'desabonne desabonnez desabonner desinscris desinscrire rappels rappel notifications notifs digest arrete arretez arreter recevoir envoyer ' +
  'merci beaucoup revoir bientot prochaine journee soiree continuation vacances bonjour bonsoir coucou ' +
  'robot humain personne personnel personnels programme urgent urgence secours comprends reponse messagerie conservation'
).split(' ');
const KNOWN = new Set(VOCABULARY);
const BY_LETTER = new Map<string, string[]>();
for (const w of VOCABULARY) BY_LETTER.set(w[0], [...(BY_LETTER.get(w[0]) ?? []), w]);

/** Short forms and run-together words that one letter off does not cover. */
const WHOLE: Record<string, string> = {
  aurevoir: 'au revoir',
  arevoir: 'au revoir',
  orevoir: 'au revoir',
  mrc: 'merci',
  mci: 'merci',
  mercie: 'merci',
  mersi: 'merci',
  arete: 'arrete',
  aretez: 'arretez',
  arreter: 'arreter',
  suprim: 'supprime',
  stoque: 'stocke',
  koi: 'quoi',
  kwa: 'quoi',
  ke: 'que',
  tt: 'tout',
  ts: 'tous',
  jveux: 'je veux',
  jvoudrais: 'je voudrais',
  veu: 'veux',
  stoques: 'stockes',
  stoquer: 'stocker',
  effac: 'efface',
};

/** The vocabulary word one letter off (two for long words), keeping the first letter, or the word as typed. */
function fix(word: string): string {
  if (WHOLE[word]) return WHOLE[word];
  if (word.length < 5 || KNOWN.has(word) || /\d/.test(word)) return word;
  const max = word.length >= 9 ? 2 : 1;
  let best = word;
  let bestDistance = max + 1;
  for (const cand of BY_LETTER.get(word[0]) ?? []) {
    const d = editDistance(word, cand, max);
    if (d < bestDistance) [best, bestDistance] = [cand, d];
  }
  return best;
}

/** A normalised message with the privacy and courtesy words spelt right (« suprime mes donées » → « supprime mes donnees »). */
export function fixTypos(normalized: string): string {
  const known = recent.get(normalized);
  if (known !== undefined) return known;
  const fixed = spell(normalized);
  // the same message is read by several steps of one turn: kept for a few turns, never more
  if (recent.size >= 64) recent.clear();
  recent.set(normalized, fixed);
  return fixed;
}
const recent = new Map<string, string>();

function spell(normalized: string): string {
  return (
    normalized
      .split(' ')
      .map((w) => fix(w))
      .join(' ')
      // « mes donné »: too short to correct alone, plain after a possessive
      .replace(/\b(mes|tes|vos|nos) donne(s)?\b/g, '$1 donnees')
      // « tu c koi » : SMS spelling of « tu sais quoi »
      .replace(/\b(tu|vous) (c|ses|sait)\b/g, '$1 sais')
  );
}
