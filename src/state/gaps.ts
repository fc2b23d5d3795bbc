import type { Niveau } from '../shared/types.js';
import type { StateStore } from './store.js';
import { updateKey } from './update.js';

/**
 * Questions the assistant could not answer, kept for the people who write the
 * knowledge (`npm run -s kb:gaps`). Nothing in them says who asked: one record
 * per day (the day only, no time), the scrubbed text, the nearest entry, the
 * niveau when known. The store drops each day on its own after `GAP_KEEP_DAYS`.
 */
export const GAPS = 'gaps';

/** How long a day of records is kept, and how far back `kb:gaps` looks. */
export const GAP_KEEP_DAYS = 90;
/** Different questions kept per day at most; more are only counted (a flood must not fill the store). */
export const GAP_MAX_PER_DAY = 300;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the assistant did with the question: offered a menu, could not answer, or found it out of scope. */
export type GapKind = 'menu' | 'fallback' | 'out-of-scope';

/** One question, scrubbed; the same question asked again the same day adds to `count`. */
export interface GapItem {
  text: string;
  /** The id of the nearest knowledge entry, or null when none is close. */
  nearest: string | null;
  kind: GapKind;
  niveau?: Niveau;
  count: number;
}

/** A day of records (`YYYY-MM-DD`, UTC). */
export interface GapDay {
  day: string;
  items: GapItem[];
  /** Questions not kept once the day's cap was reached. */
  dropped: number;
}

/** The day of a date, `YYYY-MM-DD` (UTC): the only time kept. */
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

const sameItem = (a: Omit<GapItem, 'count'>, b: Omit<GapItem, 'count'>) =>
  a.text === b.text && a.nearest === b.nearest && a.kind === b.kind && a.niveau === b.niveau;

/** Adds one question to its day's record (an atomic update: two turns, or two instances, lose no question). */
export async function recordGap(store: StateStore, now: Date, item: Omit<GapItem, 'count'>): Promise<void> {
  const day = dayOf(now);
  const empty: GapDay = { day, items: [], dropped: 0 };
  // the time to live counts from the write; `kb:gaps` reads only the days of the window anyway
  await updateKey(store, GAPS, day, empty, (record) => addGap(record, item), (GAP_KEEP_DAYS + 1) * DAY_MS);
}

function addGap(record: GapDay, item: Omit<GapItem, 'count'>): GapDay {
  const same = record.items.find((i) => sameItem(i, item));
  if (same) same.count++;
  else if (record.items.length >= GAP_MAX_PER_DAY) record.dropped++;
  else {
    record.items.push({ ...item, count: 1 });
    // no order of arrival: it could be matched with the time of a log line
    record.items.sort((a, b) => (a.nearest ?? '').localeCompare(b.nearest ?? '') || a.text.localeCompare(b.text));
  }
  return record;
}

/** The recorded days of the last `days` days up to `now` (today included), oldest first. */
export async function readGaps(store: StateStore, now: Date, days = GAP_KEEP_DAYS): Promise<GapDay[]> {
  const keys = Array.from({ length: days }, (_, i) => dayOf(new Date(now.getTime() - (days - 1 - i) * DAY_MS)));
  const found = await Promise.all(keys.map((k) => store.read<GapDay>(GAPS, k)));
  return found.filter((d): d is GapDay => Boolean(d && Array.isArray(d.items)));
}
