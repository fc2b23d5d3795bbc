import { z } from 'zod';
import { fold, normalize } from '../nlu/normalize.js';
import type { Validator } from './types.js';

/** Runs a zod schema over the trimmed text; its first message is what the person reads. */
const fromZod =
  (schema: z.ZodType<string, string>): Validator =>
  (text) => {
    const r = schema.safeParse(text.trim());
    return r.success ? { value: r.data } : { error: r.error.issues[0]?.message ?? 'Réponse invalide.' };
  };

/** Free text of a sensible length. */
export const freeText = (min = 2, max = 600) =>
  fromZod(
    z
      .string()
      .min(min, `Votre réponse est un peu courte (au moins ${min} caractères).`)
      .max(max, `Votre réponse est trop longue (${max} caractères au plus) : résumez-la.`)
      .refine((s) => /[\p{L}\d]/u.test(s), 'Écrivez votre réponse avec des mots.'),
  );

export const UAI = /\b(\d{7}[A-Za-z])\b/;
const UAI_LIKE = /\b\d{5,9}[A-Za-z]?\b/;

/** A school name, with its UAI when given (7 digits and a letter). */
export const school: Validator = (text) => {
  const t = text.trim();
  const uai = UAI.exec(t);
  if (!uai && UAI_LIKE.test(t))
    return {
      error: 'L’UAI (ex-RNE) s’écrit avec 7 chiffres suivis d’une lettre, par exemple 0331234X. Corrigez-le, ou donnez seulement le nom.',
    };
  const name = t
    .replace(UAI, '')
    .replace(/\b(uai|rne)\b\s*:?/gi, '')
    .replace(/[\s,;:()-]+$/g, '')
    .replace(/^[\s,;:()-]+/, '')
    .trim();
  if (name.length < 3) return { error: 'Indiquez le nom de l’établissement (par exemple « Collège Jean Moulin »).' };
  return { value: uai ? `${name} (UAI ${uai[1].toUpperCase()})` : name };
};

/** A positive whole number, possibly inside words (« 12 enseignants »); keeps the words. */
export const headcount: Validator = (text) => {
  const t = text.trim();
  const n = /\b(\d{1,4})\b/.exec(t);
  if (!n) return { error: 'Indiquez le nombre de personnes en chiffres (par exemple « 12 enseignants de sciences »).' };
  if (Number(n[1]) < 1) return { error: 'Il faut au moins une personne.' };
  return { value: t };
};

/** A duration: hours, half-days or days. */
export const duration: Validator = (text) => {
  const t = normalize(text);
  if (
    /\b\d+([.,]\d+)?\s*(h|heure|heures|hr|j|jour|jours|demi journee|demi journees|min|minutes)\b/.test(t) ||
    /\b(une|deux|trois|quatre|demi) (heure|heures|journee|journees|jour|jours)\b/.test(t) ||
    /\b\d+h\d*\b/.test(t)
  )
    return { value: text.trim() };
  return { error: 'Indiquez une durée, par exemple « 6 heures », « 2 demi-journées » ou « 1 jour ».' };
};

const MONTHS = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];
const DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « jeudi 12 mars 2027 » from an ISO date. */
export function frenchDate(iso: string): string {
  const d = new Date(iso + 'T12:00:00Z');
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS_FR[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Reads a French date (12/03/2027, 12/03, 12 mars, jeudi 12 mars 2027, demain); the next such day when no year. */
export function parseFrenchDate(text: string, now: Date): string | undefined {
  const t = normalize(text);
  const today = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  if (/\bapres demain\b/.test(t)) return iso(new Date(today.getTime() + 2 * 864e5));
  if (/\bdemain\b/.test(t)) return iso(new Date(today.getTime() + 864e5));
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  const num = /\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\b/.exec(fold(text));
  const word = new RegExp(`\\b(\\d{1,2}|1er)\\s+(${MONTHS.join('|')})(?:\\s+(\\d{4}))?\\b`).exec(t);
  if (num) [day, month, year] = [Number(num[1]), Number(num[2]), num[3] ? Number(num[3]) : undefined];
  else if (word)
    [day, month, year] = [word[1] === '1er' ? 1 : Number(word[1]), MONTHS.indexOf(word[2]) + 1, word[3] ? Number(word[3]) : undefined];
  if (!day || !month || month > 12) return undefined;
  if (year !== undefined && year < 100) year += 2000;
  const make = (y: number) => new Date(Date.UTC(y, month! - 1, day));
  let d = make(year ?? today.getUTCFullYear());
  if (d.getUTCDate() !== day) return undefined;
  if (year === undefined && d < today) d = make(today.getUTCFullYear() + 1);
  return iso(d);
}

/** The day of the week named in the text when it is not the date's own (« jeudi 12 mars » on a Friday). */
export function weekdayMismatch(text: string, iso: string): { named: string; actual: string } | undefined {
  const named = new RegExp(`\\b(${DAYS.join('|')})\\b`).exec(normalize(text))?.[1];
  const actual = DAYS[new Date(iso + 'T12:00:00Z').getUTCDay()];
  return named && named !== actual ? { named, actual } : undefined;
}

/** A day to come. */
export const futureDate: Validator = (text, ctx) => {
  const iso = parseFrenchDate(text, ctx.now);
  if (!iso) return { error: 'Je n’ai pas reconnu la date. Écrivez-la par exemple « 12/03/2027 » ou « jeudi 12 mars ».' };
  const clash = weekdayMismatch(text, iso);
  if (clash) {
    const date = frenchDate(iso).replace(/^\S+ /, '');
    return {
      error: `Le jour et la date ne correspondent pas : le ${date} est un ${clash.actual}, pas un ${clash.named}. Quelle date voulez-vous ? Écrivez-la par exemple « ${clash.actual} ${date} ».`,
    };
  }
  const today = ctx.now.toISOString().slice(0, 10);
  if (iso < today) return { error: `Cette date (${frenchDate(iso)}) est passée : indiquez une date à venir.` };
  return { value: iso };
};

/** A time of day: 12h30, 12:30, 13 h, midi. */
export const timeOfDay: Validator = (text) => {
  const t = normalize(text);
  const m = /\b(\d{1,2})\s*(?:h|heures?|:)\s*(\d{2})?\b/.exec(fold(text).replace(/\s+/g, ' '));
  // « midi », « jeudi 14 janvier à midi et demi »
  if (!m && /\bmidi\b/.test(t)) return { value: /\bmidi et demie?\b/.test(t) ? '12h30' : '12h00' };
  if (!m || Number(m[1]) > 23 || Number(m[2] ?? 0) > 59) return { error: 'Indiquez une heure, par exemple « 12h30 ».' };
  return { value: `${Number(m[1])}h${m[2] ?? '00'}` };
};

/** « mars 2027 » from `2027-03`. */
export function frenchMonth(yearMonth: string): string {
  return `${MONTHS_FR[Number(yearMonth.slice(5, 7)) - 1]} ${yearMonth.slice(0, 4)}`;
}

/** A day to come, or a month to come when the day is not fixed yet (stored as `2027-03`). */
export const futureDayOrMonth: Validator = (text, ctx) => {
  const day = futureDate(text, ctx);
  if ('value' in day || /\d{1,2}[/.-]\d{1,2}|\b\d{1,2} [a-z]/i.test(fold(text).replace(/\b\d{4}\b/, ''))) return day;
  const m = new RegExp(`\\b(${MONTHS.join('|')})(?:\\s+(\\d{4}))?\\b`).exec(normalize(text));
  if (!m) return day;
  const month = MONTHS.indexOf(m[1]) + 1;
  const now = ctx.now;
  let year = m[2] ? Number(m[2]) : now.getFullYear();
  if (!m[2] && month < now.getMonth() + 1) year++;
  if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1))
    return { error: 'Ce mois est passé : indiquez une date à venir.' };
  return { value: `${year}-${String(month).padStart(2, '0')}` };
};

/** A place in a school said in passing: « la salle 104 », « le bâtiment C », « au CDI », « l'aile des sciences ». */
const ROOM = /(?<![\p{L}\d])(?:salle|bâtiment|batiment|bât\.?|aile|étage|etage|couloir)\s+/giu;
/** What names the room after its kind: a number, a capital letter alone (« bâtiment C »), « des sciences ». */
const ROOM_ID = /^(?:(?:des?|du)\s+[\p{L}-]{3,}|n°\s*\d+|\d+[A-Za-z]?|[A-Z])(?![\p{L}\d])/u;
const NAMED_ROOM =
  /(?<![\p{L}\d])(salle (?:des profs|des professeurs|info(?:rmatique)?|polyvalente|de réunion|de reunion|de permanence|de technologie|de musique)|CDI|gymnase|foyer|internat|self|réfectoire|refectoire|laboratoire|labo|préau|preau|vie scolaire|loge)(?![\p{L}\d])/iu;

/** Where a problem is, when its description says it (« le TBI de la salle 104 ne s'allume plus »). */
export const placeIn: Validator = (text) => {
  for (const m of text.matchAll(ROOM)) {
    const id = ROOM_ID.exec(text.slice(m.index + m[0].length));
    if (id) return { value: `${m[0]}${id[0]}`.trim() };
  }
  const named = NAMED_ROOM.exec(text);
  return named ? { value: named[1] } : { error: 'Aucun lieu dans ce texte.' };
};

/** Since when, when a description says it (« … depuis lundi », « … depuis 3 jours », « … ce matin »): time words only. */
const SINCE =
  /(?<![\p{L}])(?:depuis\s+((?:(?:le|la|les|ce|cette|une|un|deux|trois|quatre|quelques|plusieurs|\d+)\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|avant-hier|matin|semaine|semaines|jour|jours|mois|heure|heures|minutes|rentrée|rentree|vacances|toussaint|noël|noel|début|debut|longtemps|toujours|week-end|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|\d{1,2}(?:\/\d{1,2}){1,2})(?:\s+(?:matin|soir|midi|dernier|dernière|derniere|après-midi|apres-midi))?)|(ce matin|cet après-midi|cet apres-midi|hier(?: soir| matin)?|aujourd['’ ]hui|la semaine dernière|la semaine derniere|ce week-end))(?![\p{L}])/iu;

/** The value reads without « depuis », which the ticket's heading « Depuis » says already. */
export const sinceIn: Validator = (text) => {
  const m = SINCE.exec(text);
  return m ? { value: m[1] ?? m[2] } : { error: 'Aucune date dans ce texte.' };
};
