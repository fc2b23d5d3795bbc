import { anchorDate, WHEN, type Calendar, type CalendarEvent, type SchoolYear } from '../knowledge/calendar.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import type { Niveau } from '../shared/types.js';
import { addDays, FRENCH_DAYS, frenchDay, isoWeekday, mondayOf, parisInstant } from './time.js';

/** One event of the calendar on one day of one school year. */
export interface Occurrence {
  event: CalendarEvent;
  year: SchoolYear;
  /** Paris date it is sent on. */
  date: string;
  at: Date;
}

/** The school year a date falls in (from its rentrée, or pré-rentrée, to the next one), if the calendar has it. */
export function yearOf(cal: Calendar, date: string): SchoolYear | undefined {
  return (
    cal.annees.find((y) => (y.preRentree ?? y.rentree) <= date && date < y.fin) ??
    cal.annees.find((y) => date >= addDays(y.rentree, -62) && date < y.fin)
  );
}

/** The holidays a date falls in, by name: the summer counts as holidays too. */
export function holidayOf(cal: Calendar, date: string): string | undefined {
  for (const y of cal.annees) {
    const v = y.vacances.find((h) => h.debut <= date && date < h.reprise);
    if (v) return v.nom;
  }
  const inYear = cal.annees.some((y) => (y.preRentree ?? y.rentree) <= date && date < y.fin);
  return inYear ? undefined : 'été';
}

/**
 * A reminder never lands on a weekend or in the holidays: it moves to the
 * next school day (a reminder due during the Toussaint goes out at the reprise).
 */
function schoolDay(_cal: Calendar, year: SchoolYear, date: string): string {
  let d = date;
  for (let i = 0; i < 30; i++) {
    const v = year.vacances.find((h) => h.debut <= d && d < h.reprise);
    if (v) d = v.reprise;
    else if (isoWeekday(d) >= 6) d = addDays(d, 8 - isoWeekday(d));
    else return d;
  }
  return d;
}

/** The date an event falls on in a school year, or undefined when its anchor is missing that year. */
export function eventDate(cal: Calendar, year: SchoolYear, event: CalendarEvent): string | undefined {
  const m = WHEN.exec(event.quand);
  if (!m) return undefined;
  if (m[1]) return m[1];
  const base = anchorDate(year, m[2]);
  if (!base) return undefined;
  const n = m[4] ? Number(m[4]) * (m[5].startsWith('semaine') ? 7 : 1) * (m[3] === '-' ? -1 : 1) : 0;
  return schoolDay(cal, year, addDays(base, n));
}

/** Every occurrence whose send time is in [from, to). An absolute date happens once, a relative one every year. */
export function occurrences(cal: Calendar, from: Date, to: Date): Occurrence[] {
  const out: Occurrence[] = [];
  for (const event of cal.evenements) {
    const absolute = WHEN.exec(event.quand)?.[1];
    // an absolute date happens once, in the school year it falls in (its {anchors} are that year's)
    const years = absolute ? [yearOf(cal, absolute) ?? cal.annees[0]] : cal.annees;
    for (const year of years) {
      const date = eventDate(cal, year, event);
      if (!date) continue;
      const at = parisInstant(date, event.heure);
      if (at >= from && at < to) out.push({ event, year, date, at });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.event.id.localeCompare(b.event.id));
}

/** The digest's send day of the week that contains `date` (Paris date). */
export function digestDay(cal: Calendar, date: string): string {
  return addDays(mondayOf(date), FRENCH_DAYS.indexOf(cal.digest.jour));
}

/**
 * The digests due in [from, to): one per week on the configured day and hour,
 * none during holidays (nor the summer) unless `pendantVacances`.
 */
export function digestSlots(cal: Calendar, from: Date, to: Date): { week: string; date: string; at: Date }[] {
  const out = [];
  for (let week = mondayOf(addDays(from.toISOString().slice(0, 10), -1)); parisInstant(week) < to; week = addDays(week, 7)) {
    const date = digestDay(cal, week);
    const at = parisInstant(date, cal.digest.heure);
    if (at < from || at >= to) continue;
    if (!cal.digest.pendantVacances && holidayOf(cal, date)) continue;
    out.push({ week, date, at });
  }
  return out;
}

/** The text of an event for a niveau: its own, or the GAR checklist step's; `{pix.lycee.debut}` becomes the date. */
export function eventText(kb: KnowledgeBase, occ: Occurrence, niveau: Niveau): string {
  const t = occ.event.texte;
  let text: string;
  if (typeof t === 'string') text = t;
  else if ('etapeGar' in t) {
    const step = kb.academie.gar.checklist.etapes.find((s) => s.id === t.etapeGar);
    text = step?.texte ?? step?.[niveau] ?? '';
  } else text = t[niveau];
  return text.replace(/\{([\p{L}.]+)\}/gu, (whole, anchor: string) => {
    const d = anchorDate(occ.year, anchor);
    return d ? frenchDay(d) : whole;
  });
}

/** The link of an event: the first source of the entry it names. */
export function eventLink(kb: KnowledgeBase, event: CalendarEvent): string | undefined {
  return event.fiche ? kb.entries.find((e) => e.id === event.fiche)?.sources[0] : undefined;
}
