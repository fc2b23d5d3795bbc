import { normalize } from '../../nlu/normalize.js';
import { say } from '../../shared/text.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { answerEntry } from './knowledge.js';
import { answering, result, type Step } from '../turn.js';

/**
 * A person who says they are outside the académie (« je suis à Paris »,
 * « dans le 75, on s'adresse à qui ? ») is told so kindly, with the right
 * door, rather than given this académie's contacts as if they were theirs.
 * A place named in passing in another question does not stop the answer.
 * The same for a person outside the guide's scope (a school of the premier
 * degré): the page that says so, rather than a profile learnt.
 */
export function places(engine: Engine): Step {
  return answering((turn) => {
    const a = turn.analysis;
    // « je suis ERUN dans les Landes », « directrice d'école à Agen »: not a RUPN of a collège or lycée
    const outside = a.outsideScope && !a.niveau ? engine.entry(a.outsideScope) : undefined;
    if (outside && (a.aboutSelf || a.tokens.length <= 8)) return answerEntry(engine, turn, outside, 0.9);
    const place = a.place;
    if (!place || place.inAcademie || a.departement) return undefined;
    const short = a.tokens.length <= 12;
    const hits = engine.rank(a).hits;
    const aboutContacts = hits[0] && /^(coordonnateurs|dane\.contact|assistance)$/.test(hits[0].id);
    if (!a.aboutSelf && !aboutContacts && !short) return undefined;
    // a country or a town named in passing is most often where a class goes (« le journal du voyage en Espagne »,
    // « la visio avec nos correspondants en Allemagne », « le blog du voyage à Paris »): a clear answer stands,
    // unless the place is the school's (« lycée de Poitiers, l'ENT ? »)
    const clearAnswer = hits[0] && hits[0].score >= 0.5 && hits[0].id !== 'perimetre.hors-academie';
    const inPassing = (place.abroad || !place.isDepartement) && place.name && !schoolIn(a.normalized, place.name);
    if (inPassing && !a.aboutSelf && !aboutContacts && clearAnswer) return undefined;
    if (place.abroad) return result('place.outside', [say(T.abroad(place.name, engine.kb.academie.libelle))], null, 0.9);
    const inItsOwn = place.isDepartement || !place.departementNom || place.departementNom === place.name;
    const where = inItsOwn
      ? `${place.name} (${place.departement})`
      : `${place.name}, dans le département ${place.departementNom} (${place.departement})`;
    return result('place.outside', [say(T.outside(where, engine.kb.academie.libelle, engine.kb.academie.dane.sigle))], null, 0.9);
  });
}

/** Whether the message puts a school in the place (« lycée de Poitiers », « collège à Cahors »). */
function schoolIn(normalized: string, name: string): boolean {
  const where = normalize(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `\\b(?:college|lycee|clg|lp|lgt|ecole|etablissement|bahut)(?: francais)?(?: (?:de|d|du|des|a|au|sur))? ${where}\\b`,
  ).test(normalized);
}
