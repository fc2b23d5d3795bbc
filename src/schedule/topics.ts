import type { StateStore } from '../state/store.js';
import { SCHEDULE, updateShared } from './audience.js';
import { mondayOf, parisDate } from './time.js';

/**
 * Counts of answered topics per week (no person, no text): « les questions
 * les plus posées ». One key per topic and week, and the week's list of
 * topics written only when a topic first appears: a turn reads and writes a
 * number, whatever the size of the pack (one record of every count would be
 * read and written whole on every answer).
 */
const countKey = (monday: string, topic: string) => `topic-count:${monday}:${topic}`;
const listKey = (monday: string) => `topic-list:${monday}`;
/** The whole week in one record, as written before the counts had a key each: still read. */
const legacyKey = (monday: string) => `topics:${monday}`;
const KEEP_MS = 21 * 864e5;

/** Adds one to a topic's count for the week of `now`. */
export async function countTopic(store: StateStore, now: Date, topic: string): Promise<void> {
  const monday = mondayOf(parisDate(now));
  const key = countKey(monday, topic);
  // listed before it is counted: a crash in between leaves a count of 0, never a count nobody lists
  if ((await store.read<number>(SCHEDULE, key)) === undefined)
    await updateShared<string[]>(store, listKey(monday), [], (list) => (list.includes(topic) ? undefined : [...list, topic]));
  await updateShared<number>(store, key, 0, (n) => n + 1);
}

/** The counts of the week that starts on `monday`. */
export async function topicCounts(store: StateStore, monday: string): Promise<Record<string, number>> {
  const counts = { ...((await store.read<Record<string, number>>(SCHEDULE, legacyKey(monday))) ?? {}) };
  for (const topic of (await store.read<string[]>(SCHEDULE, listKey(monday))) ?? []) {
    const n = (await store.read<number>(SCHEDULE, countKey(monday, topic))) ?? 0;
    if (n) counts[topic] = (counts[topic] ?? 0) + n;
  }
  return counts;
}

export { KEEP_MS as TOPIC_COUNTS_KEEP_MS };
