import type { StateStore } from '../state/store.js';
import { SCHEDULE, updateShared } from './audience.js';
import { mondayOf, parisDate } from './time.js';

/** Counts of answered topics per week (no person, no text): « les questions les plus posées ». */
const key = (monday: string) => `topics:${monday}`;
const KEEP_MS = 21 * 864e5;

/** Adds one to a topic's count for the week of `now`. */
export async function countTopic(store: StateStore, now: Date, topic: string): Promise<void> {
  const k = key(mondayOf(parisDate(now)));
  await updateShared<Record<string, number>>(store, k, {}, (counts) => ({ ...counts, [topic]: (counts[topic] ?? 0) + 1 }));
}

/** The counts of the week that starts on `monday`. */
export async function topicCounts(store: StateStore, monday: string): Promise<Record<string, number>> {
  return (await store.read<Record<string, number>>(SCHEDULE, key(monday))) ?? {};
}

export { KEEP_MS as TOPIC_COUNTS_KEEP_MS };
