import type { KnowledgeBase } from '../knowledge/schema.js';
import type { ReminderRequest } from '../state/people.js';
import type { Niveau } from '../shared/types.js';
import type { Recipient } from './audience.js';
import { digestSlots, occurrences, type Occurrence } from './calendar.js';
import { parisDate, parisInstant } from './time.js';

/** The named jobs: one per kind of send, each reading what is due from the calendar and the store. */
export const JOBS = ['rappel', 'digest', 'personnel', 'renouvellement'] as const;
export type Job = (typeof JOBS)[number];

/** One send slot (a reminder of the calendar, a week's digest for a niveau, a promised reminder) and who gets it. */
export type Due =
  | { job: 'rappel'; slot: string; at: Date; occurrence: Occurrence; recipients: Recipient[] }
  | { job: 'digest'; slot: string; at: Date; niveau: Niveau; week: string; recipients: Recipient[] }
  | { job: 'personnel'; slot: string; at: Date; reminder: ReminderRequest; recipients: Recipient[] }
  /** A month before a subscriber's record (and their subscriptions) would be erased: one notice; any reply renews. */
  | { job: 'renouvellement'; slot: string; at: Date; ends: string; lateUntil: Date; recipients: Recipient[] };

/** How long before the end of their subscriptions a subscriber is told. */
export const RENEWAL_NOTICE_MS = 30 * 864e5;

export const DIGEST_TOPIC = 'digest';

/** The flow whose steps, all ticked, spare a person a reminder marked `saufChecklistFaite`. */
function checklistDone(kb: KnowledgeBase, r: Recipient, flow: string): boolean {
  const done = new Set(r.progress[flow] ?? []);
  const steps = flow === 'checklist-gar' ? kb.academie.gar.checklist.etapes.map((s) => s.id) : [];
  return steps.length > 0 && steps.every((s) => done.has(s));
}

/**
 * Everything due in [from, to), oldest first, with its recipients: calendar
 * reminders to those subscribed to their subject (and of their niveau),
 * each week's digest per niveau, and reminders people were promised.
 */
export function planSends(kb: KnowledgeBase, from: Date, to: Date, recipients: Recipient[], retentionMs = 365 * 864e5): Due[] {
  const out: Due[] = [];
  const cal = kb.calendar;
  if (cal) {
    for (const occ of occurrences(cal, from, to)) {
      const e = occ.event;
      const who = e.sujet
        ? recipients.filter(
            (r) =>
              r.topics.includes(e.sujet!) &&
              (!r.niveau || e.public.includes(r.niveau)) &&
              !(e.saufChecklistFaite && checklistDone(kb, r, e.saufChecklistFaite)),
          )
        : [];
      out.push({ job: 'rappel', slot: `${e.id}:${occ.date}`, at: occ.at, occurrence: occ, recipients: who });
    }
    for (const d of digestSlots(cal, from, to)) {
      for (const niveau of ['college', 'lycee'] as const) {
        const who = recipients.filter((r) => r.topics.includes(DIGEST_TOPIC) && r.niveau === niveau);
        out.push({ job: 'digest', slot: `${niveau}:${d.week}`, at: d.at, niveau, week: d.week, recipients: who });
      }
    }
  }
  for (const r of recipients) {
    for (const reminder of r.reminders) {
      const at = new Date(reminder.due);
      // to the person (on Tchap, their encrypted direct conversation with the bot)
      if (at >= from && at < to) out.push({ job: 'personnel', slot: `${reminder.id}:${reminder.due}`, at, reminder, recipients: [r] });
    }
  }
  for (const r of recipients) {
    if (!r.lastExchange || !r.topics.length) continue;
    const end = Date.parse(r.lastExchange) + retentionMs;
    const ends = parisDate(new Date(end));
    // at 08:00 a month before; still worth sending late, until the end itself
    const at = parisInstant(parisDate(new Date(end - RENEWAL_NOTICE_MS)), '08:00');
    if (at >= from && at < to)
      out.push({ job: 'renouvellement', slot: `fin:${ends}`, at, ends, lateUntil: new Date(end - 864e5), recipients: [r] });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || JOBS.indexOf(a.job) - JOBS.indexOf(b.job) || a.slot.localeCompare(b.slot));
}
