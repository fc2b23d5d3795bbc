import { say } from '../../shared/text.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { result, type Step } from '../turn.js';

/** The services a RUPN's question can belong to when it is not the guide's business. */
export type Door = 'carriere' | 'etablissement' | 'eleves';

/**
 * Words of each service, normalised (no accents): a teacher's career and pay,
 * the life of the school, one pupil's schooling. Read as classes of words, so
 * that « un an de congé formation pour l'agreg » and « la paie de décembre »
 * find their service whatever the phrasing.
 */
const DOORS: { door: Door; re: RegExp }[] = [
  {
    door: 'carriere',
    re: /\b(mutation|mutations|muter|mute|changer d academie|quitter l academie|changer d etablissement|mouvement (inter|intra)|inter academique|intra academique|bareme|agregation|agreg|agrege|agregee|capes|capet|caplp|crpe|concours|conge|conges|disponibilite|temps partiel|carence|arret maladie|arret de travail|retraite|echelon|hors classe|classe exceptionnelle|rendez vous de carriere|ppcr|inspection|salaire|salaires|(ma|la|ta|votre|notre|sa) (paie|paye)|paie (de|du|d)|fiche de paie|bulletin de salaire|primes?|heures sup|heures supplementaires|hsa|hse|frais de deplacement|indemnite|indemnites|isoe|mutuelle|mgen|decharge syndicale|greve|demission|demissionner|rupture conventionnelle|avancement|reclassement|titularisation|stagiairisation|contractuel|contractuelle)\b/,
  },
  {
    door: 'etablissement',
    re: /\b(cvl|cvc|vie lyceenne|vie collegienne|elus lyceens|elus du cvl|bal|boum|soiree|soirees|gala|fete|kermesse|cantine|demi pension|self|restauration scolaire|menu|voyage|voyages|sortie scolaire|sorties scolaires|assurance scolaire|sejour|election des parents|elections des parents|representants des parents|emploi du temps|emplois du temps|edt|conseil de classe|conseil d administration|reglement interieur|fournitures|manuels papier|foyer|reunion parents|delegues de classe|election des delegues|bus scolaire|chauffage|toilettes)\b/,
  },
  {
    door: 'eleves',
    re: /\b(note|notes|moyenne|moyennes|appreciation|appreciations|redoublement|redoubler|orientation|parcoursup|brevet|bac|conseil de discipline|sanction|sanctions|exclusion|harcelement|pai|pap|ppre|aesh|bourse|bourses)\b/,
  },
];

/** The guide's own words: a question naming one is for the knowledge base, even with « note » or « congé » in it. */
const GUIDE =
  /\b(rupn|referent numerique|referente numerique|imp|ent|ose|lycee connecte|gar|pix|mediacentre|dane|tribu|via|nextcloud|magistere|schematic|pronote|moodle|apps education|peertube|fil|paf|cafe numerique|commission numerique|lettre de mission|rgpd|dpd|amerana|e anna|line|mediacad|console|numerique|appli|applis|application|applications|outil|outils|logiciel|logiciels|tablette|tablettes|ordinateur|ordinateurs|ordi|site|en ligne|video|videos|visio|podcast|quiz|qcm|wifi|internet|reseau)\b/;

/** The service a message belongs to when it names one and none of the guide's words, else nothing. */
export function doorOf(normalized: string): Door | undefined {
  if (GUIDE.test(normalized)) return undefined;
  return DOORS.find((d) => d.re.test(normalized))?.door;
}

/**
 * After the knowledge search: a question it could not answer (« je ne sais
 * pas », or a menu of entries that do not fit) that names a teacher's career,
 * the school's life or a pupil's schooling is refused kindly, with the
 * service that handles it, rather than with the DANE's contacts. An answer
 * found is never replaced.
 */
export function elsewhere(engine: Engine): Step {
  return async (turn, next) => {
    await next();
    const intent = turn.result?.intent;
    if (intent !== 'fallback' && intent !== 'fallback.suggest') return;
    const door = doorOf(turn.analysis.normalized);
    if (!door) return;
    if (intent === 'fallback.suggest') turn.conversation.pending = undefined;
    turn.result = result('fallback', [say(T.elsewhere(door, engine.kb.academie.portail.nom))], null, turn.result?.confidence ?? 0);
  };
}
