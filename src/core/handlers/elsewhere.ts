import { normalize } from '../../nlu/normalize.js';
import { say } from '../../shared/text.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { result, type Step } from '../turn.js';

/** The services a RUPN's question can belong to when it is not the guide's business. */
export type Door = 'carriere' | 'etablissement' | 'eleves' | 'personnel';

/**
 * Words of each service, normalised (no accents; global, so that every word that names it is found): a teacher's career and pay,
 * the life of the school, one pupil's schooling. Read as classes of words, so
 * that « un an de congé formation pour l'agreg » and « la paie de décembre »
 * find their service whatever the phrasing.
 */
const DOORS: { door: Door; re: RegExp }[] = [
  {
    door: 'carriere',
    re: /\b(mutation|mutations|muter|mute|changer d academie|quitter l academie|changer d etablissement|mouvement (inter|intra)|inter academique|intra academique|bareme|agregation|agreg|agrege|agregee|capes|capet|caplp|crpe|concours|conge|conges|disponibilite|temps partiel|carence|arret maladie|arret de travail|retraite|echelon|hors classe|classe exceptionnelle|rendez vous de carriere|ppcr|inspection|salaire|salaires|(ma|la|ta|votre|notre|sa) (paie|paye)|paie (de|du|d)|fiche de paie|bulletin de salaire|primes?|heures sup|heures supplementaires|hsa|hse|frais de deplacement|indemnite|indemnites|isoe|mutuelle|mgen|decharge syndicale|assistance juridique|protection fonctionnelle|greve|demission|demissionner|rupture conventionnelle|avancement|reclassement|titularisation|stagiairisation|contractuel|contractuelle)\b/g,
  },
  {
    door: 'etablissement',
    re: /\b((?<=\b(?:coordonnateur|coordonnatrice|coordinateur|coordinatrice|coordo|referent|referente) (?:de l |du |des |de la |d |en )?)(ulis|rep|segpa|upe2a|eps|discipline|pole|niveau|decrochage|harcelement|laicite|culture|sante)|cvl|cvc|vie lyceenne|vie collegienne|elus lyceens|elus du cvl|bal|boum|soiree|soirees|gala|fete|kermesse|cantine|demi pension|self|restauration scolaire|menu|voyage|voyages|sortie scolaire|sorties scolaires|assurance scolaire|sejour|election des parents|elections des parents|representants des parents|emploi du temps|emplois du temps|edt|conseil de classe|conseil d administration|reglement interieur|fournitures|manuels papier|foyer|reunion parents|delegues de classe|election des delegues|bus scolaire|chauffage|toilettes|vitre|vitres|fenetre|fenetres|chaudiere|ascenseur|ascenseurs|plomberie|fuite d eau|eclairage|climatisation|assistante sociale|assistant social|assistant de service social|infirmiere|infirmier|medecin scolaire|psychologue)\b/g,
  },
  {
    door: 'eleves',
    re: /\b(note|notes|moyenne|moyennes|appreciation|appreciations|redoublement|redoubler|orientation|parcoursup|brevet|bac|conseil de discipline|sanction|sanctions|exclusion|harcelement|pai|pap|ppre|aesh|bourse|bourses)\b/g,
  },
];

/** The guide's own words: a question naming one is for the knowledge base, even with « note » or « congé » in it. */
const GUIDE =
  /\b(rupn|referent numerique|referente numerique|imp|ent|ose|lycee connecte|gar|pix|mediacentre|dane|tribu|via|nextcloud|magistere|schematic|pronote|moodle|apps education|peertube|fil|paf|cafe numerique|commission numerique|lettre de mission|rgpd|dpd|amerana|e anna|line|mediacad|console|numerique|appli|applis|application|applications|outil|outils|logiciel|logiciels|tablette|tablettes|ordinateur|ordinateurs|ordi|ordis|site|en ligne|video|videos|visio|podcast|quiz|qcm|wifi|internet|reseau|blog|blogs|padlet|diaporama|diaporamas|carte mentale|cartes mentales|frise|frises|capsule|capsules|webradio|courriel|courriels|mail|mails|messagerie|plateforme|mot de passe|mots de passe|identifiant|identifiants|connexion|tableau numerique|vpi|tni|videoprojecteur|imprimante|scanner|camera)\b/;

/**
 * A person's own device or account (« mon ordi perso », « la box de chez moi »,
 * « le téléphone de ma fille »): not the school's equipment, whatever the
 * guide's words around it (« ordinateur », « panne », « messagerie »).
 */
const PERSONAL =
  /\b((ordinateur|ordinateurs|ordi|ordis|pc|mac|portable|telephone|smartphone|tablette|imprimante|box|messagerie|boite mail|mail|adresse mail|compte|console de jeux|television|tele)( [a-z]+)? (perso|personnel|personnelle|a moi|de chez moi|de la maison|de mon (fils|mari|conjoint)|de ma (fille|femme|conjointe)|de mes enfants)|chez moi|a la maison|(mon|ma|mes) (fils|fille|enfant|enfants|mari|femme) (a|ont) (un |une )?(probleme|souci|panne))\b/g;

/** The service a message belongs to (its own device, else a service it names), the words that name it, and whether it also uses the guide's words. */
function doorWords(normalized: string): { door: Door; words: string[]; guide: boolean } | undefined {
  const own = normalized.match(PERSONAL);
  if (own) return { door: 'personnel', words: own, guide: false };
  const guide = GUIDE.test(normalized);
  for (const d of DOORS) {
    const words = normalized.match(d.re);
    if (words) return { door: d.door, words, guide };
  }
  return undefined;
}

/**
 * After the knowledge search: a question it could not answer (« je ne sais
 * pas », or a menu of entries that do not fit) that names a teacher's career,
 * the school's life or a pupil's schooling, without the guide's words, is
 * refused kindly, with the service that handles it, rather than with the
 * DANE's contacts; with the guide's words too, when none of the nearest pages
 * says those words (« un congé formation pour un master en numérique »). So
 * is a doubtful answer, without the guide's words, on a page that never says
 * them (« la prime d'équipement » is not the equipment campaigns); a page
 * that says them (« indemnité » on the IMP page) stands.
 */
export function elsewhere(engine: Engine): Step {
  const pages = new Map<string, string>();
  const pageText = (id: string): string => {
    let text = pages.get(id);
    if (text === undefined) {
      const e = engine.entry(id);
      text = e
        ? ` ${normalize([e.title, e.answer, e.variants?.college, e.variants?.lycee, ...e.keywords, ...e.questions].join(' '))} `
        : '';
      pages.set(id, text);
    }
    return text;
  };
  return async (turn, next) => {
    await next();
    const intent = turn.result?.intent;
    const topic = turn.result?.topic;
    const found = doorWords(turn.analysis.normalized);
    if (!found) return;
    const offPages = (ids: string[]) =>
      ids.every((id) => found.words.every((w) => w.split(' ').every((word) => word.length <= 3 || !pageText(id).includes(` ${word} `))));
    // not answered: the service, unless the guide's words are there too and one of the nearest pages says those words
    const unanswered =
      (intent === 'fallback' || intent === 'fallback.suggest') &&
      (!found.guide ||
        offPages(
          engine
            .rank(turn.analysis)
            .hits.slice(0, engine.settings.maxSuggestions)
            .map((h) => h.id),
        ));
    // answered: one's own device is never the school's page; a doubtful answer without the guide's words, on a page that never says those words, yields
    const offPage =
      (intent === 'kb.answer' || intent === 'kb.clarify') &&
      topic &&
      (found.door === 'personnel' ||
        (!found.guide && (turn.result?.confidence ?? 1) < engine.settings.offPageThreshold && offPages([topic])));
    if (!unanswered && !offPage) return;
    const door = found.door;
    if (intent === 'fallback.suggest' || intent === 'kb.clarify') turn.conversation.pending = undefined;
    turn.result = result('fallback', [say(T.elsewhere(door, engine.kb.academie.portail.nom))], null, turn.result?.confidence ?? 0);
  };
}
