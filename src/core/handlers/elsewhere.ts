import type { Lexicon } from '../../knowledge/schema.js';
import { normalize } from '../../nlu/normalize.js';
import { say } from '../../shared/text.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { result, type Step } from '../turn.js';

/** The services a RUPN's question can belong to when it is not the guide's business. */
export type Door = 'carriere' | 'etablissement' | 'eleves' | 'personnel';

/** The pack's word lists compiled: the services' words, one's own device, the guide's words. */
interface Doors {
  services: { door: Door; re: RegExp }[];
  personal?: RegExp;
  guide?: RegExp;
}

/** One alternation of whole phrases, normalised (no accents), longest first so that « conge formation » wins over « conge ». */
const anyOf = (phrases: string[]): string =>
  [...new Set(phrases.map((p) => normalize(p)).filter(Boolean))].sort((a, b) => b.length - a.length).join('|');
const words = (phrases: string[]): RegExp | undefined => (phrases.length ? new RegExp(`\\b(${anyOf(phrases)})\\b`, 'g') : undefined);

/**
 * The word lists of `lexique.yaml` (`autresServices`, `motsDuNumerique`), where
 * the DANE keeps them, as patterns: global, so that every word that names a
 * service is found. « le coordonnateur ULIS » is read as « ulis » after a
 * title; « mon ordi perso » as an object, maybe a word, then whose it is.
 */
function compileDoors(lexicon: Lexicon): Doors {
  const { carriere, etablissement, eleves, autresFonctions, personnel } = lexicon.autresServices;
  const services: { door: Door; re: RegExp }[] = [];
  const add = (door: Door, re: RegExp | undefined) => re && services.push({ door, re });
  add('carriere', words(carriere));
  const titled =
    autresFonctions && `(?<=\\b(?:${anyOf(autresFonctions.titres)}) (?:de l |du |des |de la |d |en )?)(?:${anyOf(autresFonctions.de)})`;
  add(
    'etablissement',
    titled || etablissement.length ? new RegExp(`\\b(${[titled, anyOf(etablissement)].filter(Boolean).join('|')})\\b`, 'g') : undefined,
  );
  add('eleves', words(eleves));
  const own =
    personnel &&
    [
      personnel.objets.length && personnel.aSoi.length ? `(?:${anyOf(personnel.objets)})(?: [a-z]+)? (?:${anyOf(personnel.aSoi)})` : '',
      anyOf(personnel.lieux),
    ].filter(Boolean);
  return {
    services,
    personal: own?.length ? new RegExp(`\\b(${own.join('|')})\\b`, 'g') : undefined,
    guide: words(lexicon.motsDuNumerique),
  };
}

/** The service a message belongs to (its own device, else a service it names), the words that name it, and whether it also uses the guide's words. */
function doorWords(doors: Doors, normalized: string): { door: Door; words: string[]; guide: boolean } | undefined {
  const own = doors.personal && normalized.match(doors.personal);
  if (own) return { door: 'personnel', words: own, guide: false };
  const guide = Boolean(doors.guide && normalized.match(doors.guide));
  for (const d of doors.services) {
    const words = normalized.match(d.re);
    // « ma fiche de paie est dans l'ENT ? » asks about the pay, wherever it is kept: a tool named only as the place
    // something of one's career is found does not make it the guide's question
    if (words) return { door: d.door, words, guide: guide && (d.door !== 'carriere' || guideOutsidePlaces(doors, normalized)) };
  }
  return undefined;
}

/** « dans l'ENT », « sur Pronote »: a tool named as where something is. */
const IN_TOOL = /\b(?:dans|sur|via|depuis) (?:l |le |la |les |mon |ma |notre )?[a-z0-9-]+(?: [a-z0-9-]+)?/g;

/** True when the guide's words appear elsewhere than as the place something is (« dans l'ENT »). */
function guideOutsidePlaces(doors: Doors, normalized: string): boolean {
  return Boolean(doors.guide && normalized.replace(IN_TOOL, ' ').match(doors.guide));
}

/**
 * After the knowledge search: a question it could not answer (« je ne sais
 * pas », or a menu of entries that do not fit) that names a teacher's career,
 * the school's life or a pupil's schooling, without the guide's words, is
 * refused kindly, with the service that handles it, rather than with the
 * DANE's contacts. So is a doubtful answer, without the guide's words, on a
 * page that never says them (« la prime d'équipement » is not the equipment
 * campaigns); a page that says them (« indemnité » on the IMP page) stands.
 */
export function elsewhere(engine: Engine): Step {
  const doors = compileDoors(engine.kb.lexicon);
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
    if (intent !== 'fallback' && intent !== 'fallback.suggest' && intent !== 'kb.answer' && intent !== 'kb.clarify') return;
    const found = doorWords(doors, turn.analysis.normalized);
    if (!found) return;
    // the service's phrase as a whole: the FIL page says « chef d'établissement », never « devenir chef d'établissement »
    const saysNone = (id: string) => found.words.every((w) => !pageText(id).includes(` ${w} `));
    // not answered, in none of the guide's words: the service (« le menu de l'ENT » is not the canteen's)
    const unanswered = !found.guide && (intent === 'fallback' || intent === 'fallback.suggest');
    // answered: one's own device is never the school's page; a doubtful answer without the guide's words, on a page that never says those words, yields
    const offPage =
      (intent === 'kb.answer' || intent === 'kb.clarify') &&
      topic &&
      (found.door === 'personnel' ||
        (!found.guide && (turn.result?.confidence ?? 1) < engine.settings.offPageThreshold && saysNone(topic)));
    if (!unanswered && !offPage) return;
    const door = found.door;
    if (intent === 'fallback.suggest' || intent === 'kb.clarify') turn.conversation.pending = undefined;
    turn.result = result('fallback', [say(T.elsewhere(door, engine.kb.academie.portail.nom))], null, turn.result?.confidence ?? 0);
  };
}
