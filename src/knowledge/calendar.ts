import { z } from 'zod';

/**
 * `calendrier.yaml`, optional in a pack: the school years of the académie's
 * zone, the digest's timing, the subjects people subscribe to, and dated
 * events (absolute, or relative to a school year's dates so that one line
 * serves every year).
 */

const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'une date au format AAAA-MM-JJ est attendue (ex. 2026-09-01)'),
);
const niveau = z.enum(['college', 'lycee'], { message: 'public : « college » ou « lycee »' });
const hour = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'une heure au format HH:MM est attendue (ex. 08:00)');
const text = (what: string) => z.string().trim().min(1, `${what} est vide`);
const id = z.string().regex(/^[a-z0-9-]+$/, "l'id s'écrit en minuscules, avec des tirets (ex. gar-designation)");

/** A span of days: the first day off (or of the window) and the day things resume (or its last day). */
const holiday = z.object({ nom: text('le nom des vacances'), debut: isoDate, reprise: isoDate }).strict();
const window = z.object({ debut: isoDate, fin: isoDate }).strict();
const pixWindow = window.extend({ rattrapage: window.optional() }).strict();

export const schoolYearSchema = z
  .object({
    /** « 2026-2027 » */
    id: z.string().regex(/^\d{4}-\d{4}$/, 'une année scolaire s’écrit 2026-2027'),
    /** Set while the dates come from a draft: shown beside every date drawn from this year. */
    aVerifier: z.string().optional(),
    preRentree: isoDate.optional(),
    /** Pupils' first day. */
    rentree: isoDate,
    /** First day of the summer holidays (classes end the day before). */
    fin: isoDate,
    vacances: z.array(holiday).default([]),
    /** Pix certification windows, per niveau. */
    pix: z.object({ college: pixWindow.optional(), lycee: pixWindow.optional() }).strict().default({}),
  })
  .strict();

/** What people subscribe to in chat: the words that name it, and how it is said back to them. */
export const subjectSchema = z
  .object({
    id,
    /** « les étapes du GAR à la rentrée » */
    libelle: text('le libellé'),
    /** Normalised words that name the subject in a message (« gar », « mediacentre »). */
    mots: z.array(z.string().min(2)).min(1, 'au moins un mot qui désigne le sujet'),
  })
  .strict();

/** Text for everyone, or one per niveau; or a step of the GAR checklist of `academie.yaml`. */
const eventText = z.union([
  text('le texte'),
  z.object({ college: text('le texte pour les collèges'), lycee: text('le texte pour les lycées') }).strict(),
  z.object({ etapeGar: z.string() }).strict(),
]);

/**
 * `2026-09-15`, `rentree + 2 jours`, `pix.lycee.fin - 2 semaines`,
 * `vacances.Toussaint.reprise`: a date, or a school-year anchor moved by days or weeks.
 */
export const WHEN = /^(?:(\d{4}-\d{2}-\d{2})|([\p{L}.]+)(?:\s*([+-])\s*(\d+)\s*(jours?|semaines?))?)$/u;

export const eventSchema = z
  .object({
    id,
    quand: z.preprocess(
      (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
      z
        .string()
        .regex(
          WHEN,
          'quand : une date (2026-09-15) ou une date de l’année scolaire décalée (« rentree + 2 jours », « pix.lycee.fin - 2 semaines »)',
        ),
    ),
    heure: hour.default('08:00'),
    public: z.array(niveau).min(1).default(['college', 'lycee']),
    /** The subject a person subscribes to in order to receive it; absent: shown in the digest only. */
    sujet: z.string().optional(),
    titre: text('le titre'),
    texte: eventText,
    /** The knowledge entry it links to (its first source is shown). */
    fiche: z.string().optional(),
    /** Not sent to someone who has ticked every step of this checklist flow (a second reminder). */
    saufChecklistFaite: z.string().optional(),
  })
  .strict();

export const calendarSchema = z
  .object({
    zone: text('la zone'),
    annees: z.array(schoolYearSchema).min(1, 'au moins une année scolaire'),
    digest: z
      .object({
        jour: z.enum(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']).default('lundi'),
        heure: hour.default('08:00'),
        pendantVacances: z.boolean().default(false),
        /** An RSS or Atom feed of news (the DANE's site); read with a timeout and a size limit. */
        flux: z.string().url('le flux : une adresse complète (https://…)').optional(),
      })
      .strict()
      .default({ jour: 'lundi', heure: '08:00', pendantVacances: false }),
    sujets: z.array(subjectSchema).default([]),
    evenements: z.array(eventSchema).default([]),
  })
  .strict();

export type Calendar = z.infer<typeof calendarSchema>;
export type SchoolYear = z.infer<typeof schoolYearSchema>;
export type CalendarEvent = z.infer<typeof eventSchema>;
export type Subject = z.infer<typeof subjectSchema>;

/** One problem found across the calendar and the rest of the pack, with the text to find its line by. */
export interface CalendarProblem {
  needle: string;
  message: string;
}

/** Names an anchor accepts, for a year (`rentree`, `pix.college.fin`, `vacances.Noël.reprise`). */
export function anchorDate(year: SchoolYear, anchor: string): string | undefined {
  const [head, a, b] = anchor.split('.');
  if (head === 'rentree' && !a) return year.rentree;
  if (head === 'preRentree' && !a) return year.preRentree;
  if (head === 'fin' && !a) return year.fin;
  if (head === 'pix' && (a === 'college' || a === 'lycee')) {
    const w = year.pix[a];
    if (!w) return undefined;
    if (b === 'debut' || b === 'fin') return w[b];
    return undefined;
  }
  if (head === 'vacances' && a && (b === 'debut' || b === 'reprise')) return year.vacances.find((v) => v.nom === a)?.[b];
  return undefined;
}

/** Cross-checks: ids once, dates in order, anchors that resolve, subjects, entries and GAR steps that exist. */
export function checkCalendar(cal: Calendar, known: { entryIds: Set<string>; garSteps: Set<string> }): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  for (const y of cal.annees) {
    if (y.fin <= y.rentree) problems.push({ needle: `id: ${y.id}`, message: `année ${y.id} : « fin » doit venir après « rentree »` });
    for (const v of y.vacances) {
      if (v.reprise <= v.debut)
        problems.push({ needle: `nom: ${v.nom}`, message: `année ${y.id}, vacances de ${v.nom} : la reprise doit venir après le début` });
      if (v.debut < y.rentree || v.reprise > y.fin)
        problems.push({ needle: `nom: ${v.nom}`, message: `année ${y.id}, vacances de ${v.nom} : hors de l’année scolaire` });
    }
    for (const [n, w] of Object.entries(y.pix)) {
      if (w && w.fin < w.debut)
        problems.push({ needle: `id: ${y.id}`, message: `année ${y.id}, fenêtre Pix ${n} : la fin précède le début` });
    }
  }
  const subjects = new Set(cal.sujets.map((s) => s.id));
  const seen = new Set<string>();
  for (const e of cal.evenements) {
    const needle = `id: ${e.id}`;
    if (seen.has(e.id)) problems.push({ needle, message: `l'événement « ${e.id} » est en double` });
    seen.add(e.id);
    const m = WHEN.exec(e.quand);
    if (m?.[2] && !cal.annees.some((y) => anchorDate(y, m[2]))) {
      problems.push({
        needle,
        message: `quand : « ${m[2]} » ne désigne aucune date des années scolaires (rentree, preRentree, fin, pix.college.debut, vacances.Toussaint.reprise…)`,
      });
    }
    if (e.sujet && !subjects.has(e.sujet)) problems.push({ needle, message: `sujet inconnu : ${e.sujet} (déclarez-le dans « sujets »)` });
    if (e.fiche && !known.entryIds.has(e.fiche)) problems.push({ needle, message: `fiche inconnue : ${e.fiche}` });
    if (typeof e.texte === 'object' && 'etapeGar' in e.texte && !known.garSteps.has(e.texte.etapeGar)) {
      problems.push({ needle, message: `étape GAR inconnue : ${e.texte.etapeGar} (voir academie.yaml, gar.checklist.etapes)` });
    }
  }
  return problems;
}
