import type { Calendar, SchoolYear } from '../knowledge/calendar.js';
import { AnswerBuilder } from '../knowledge/answer.js';
import type { Entry, KnowledgeBase } from '../knowledge/schema.js';
import { rng } from '../shared/random.js';
import type { Niveau } from '../shared/types.js';
import { digestSlots, occurrences, yearOf } from './calendar.js';
import { addDays, parisInstant } from './time.js';

/** One « Le saviez-vous ? » item: an entry of the knowledge base, its first paragraph shortened, and its source. */
export interface DidYouKnow {
  id: string;
  title: string;
  text: string;
  link?: string;
}

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, text.lastIndexOf(' ', max))}…`);

/** The entries a niveau may read, in an order shuffled once per school year (so that related entries do not come in a row). */
function yearOrder(kb: KnowledgeBase, answers: AnswerBuilder, niveau: Niveau, seed: string): Entry[] {
  const entries = kb.entries
    .filter((e) => e.audience.includes(niveau) && opening(answers, e, niveau))
    .sort((a, b) => a.id.localeCompare(b.id));
  let h = 2166136261;
  for (const c of `${seed}:${niveau}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  const random = rng(h);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return entries;
}

/**
 * The entry's opening as its niveau reads it (answers drawn from the académie's
 * tables included): its first paragraph, and when that announces a list
 * (« les outils préconisés : »), what follows it.
 */
function opening(answers: AnswerBuilder, e: Entry, niveau: Niveau): string {
  const blocks = answers.build(e, { niveau }).blocks.slice(1);
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.type === 'heading' || b.type === 'code') continue;
    const text = b.type === 'list' ? b.items.join(' ; ') : b.text;
    parts.push(text);
    if (!/:\s*$/.test(text) || parts.length >= 3) break;
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The Mondays of a school year on which a digest goes out (holidays left out unless configured). */
export function digestWeeks(cal: Calendar, year: SchoolYear): string[] {
  return digestSlots(cal, parisInstant(year.preRentree ?? year.rentree), parisInstant(year.fin)).map((s) => s.week);
}

/**
 * How many entries each digest week of a year shows so that the year covers
 * them all: one a week, and the extra ones in the weeks with the fewest dated
 * events (the rentrée week is full enough as it is).
 */
function perWeek(cal: Calendar, weeks: string[], entries: number, niveau: Niveau): number[] {
  const counts = weeks.map(() => 1);
  let extra = entries - weeks.length;
  if (extra <= 0) return counts;
  const busy = weeks.map(
    (w) => occurrences(cal, parisInstant(w), parisInstant(addDays(w, 14))).filter((o) => o.event.public.includes(niveau)).length,
  );
  const order = weeks.map((_, i) => i).sort((a, b) => busy[a] - busy[b] || a - b);
  while (extra > 0)
    for (const i of order) {
      if (extra <= 0) break;
      counts[i] += 1;
      extra -= 1;
    }
  return counts;
}

interface YearPlan {
  entries: Entry[];
  weeks: string[];
  counts: number[];
}
const plans = new WeakMap<KnowledgeBase, Map<string, YearPlan>>();

/** The year's order and share of entries, computed once per knowledge base, year and niveau. */
function yearPlan(kb: KnowledgeBase, answers: AnswerBuilder, niveau: Niveau, year: SchoolYear | undefined): YearPlan {
  const key = `${year?.id ?? 'hors-annee'}:${niveau}`;
  const byKb = plans.get(kb) ?? new Map<string, YearPlan>();
  plans.set(kb, byKb);
  let plan = byKb.get(key);
  if (!plan) {
    const entries = yearOrder(kb, answers, niveau, year?.id ?? 'hors-annee');
    const weeks = kb.calendar && year ? digestWeeks(kb.calendar, year) : [];
    plan = { entries, weeks, counts: kb.calendar ? perWeek(kb.calendar, weeks, entries.length, niveau) : [] };
    byKb.set(key, plan);
  }
  return plan;
}

/**
 * The week's « Le saviez-vous ? »: the niveau's entries, shuffled once per
 * school year, are spread over the year's digest weeks so that every entry
 * comes once a year; when there are more entries than weeks, the quietest
 * weeks get two. A week outside the year's digests (a preview in the
 * holidays) takes one entry by its number.
 */
export function didYouKnow(kb: KnowledgeBase, monday: string, niveau: Niveau): DidYouKnow[] {
  const cal = kb.calendar;
  const year = cal && yearOf(cal, monday);
  const answers = new AnswerBuilder(kb);
  const plan = yearPlan(kb, answers, niveau, year);
  const { entries, weeks } = plan;
  if (!entries.length) return [];
  const i = weeks.indexOf(monday);
  let picked: Entry[];
  if (i < 0) {
    const n = Math.round((Date.parse(`${monday}T12:00:00Z`) - Date.parse('2020-01-06T12:00:00Z')) / (7 * 864e5));
    picked = [entries[((n % entries.length) + entries.length) % entries.length]];
  } else {
    const start = plan.counts.slice(0, i).reduce((a, b) => a + b, 0);
    picked = start < entries.length ? entries.slice(start, start + plan.counts[i]) : [entries[i % entries.length]];
  }
  // two items share the room one had: the digest stays one screen
  const max = picked.length > 1 ? 170 : 260;
  return picked.map((e) => ({ id: e.id, title: e.title, text: shorten(opening(answers, e, niveau), max), link: e.sources[0] }));
}
