import { migratePerson } from '../state/migrate.js';
import { PEOPLE, type PersonRecord, type Progress, type ReminderRequest } from '../state/people.js';
import type { StateStore } from '../state/store.js';
import { updateKey } from '../state/update.js';
import type { Address, Niveau } from '../shared/types.js';

/** Namespace of everything the scheduler keeps: roster, rooms, ledger, topic counts. */
export const SCHEDULE = 'schedule';

/** Who has something to receive, and where: the store cannot list people, so the scheduler keeps this index. */
export type Roster = Record<string, { platform: string; address: Address }>;

/** A room or channel subscribed by an administrator, for its members. */
export interface RoomSubscription {
  platform: string;
  address: Address;
  topics: string[];
  /** Only one niveau's texts; both when absent. */
  niveau?: Niveau;
  /** The administrator's platform id, for the record. */
  by: string;
  since: string;
}
export type Rooms = Record<string, RoomSubscription>;

/** Someone (a person or a room) the scheduler may send to. */
export interface Recipient {
  key: string;
  platform: string;
  address: Address;
  topics: string[];
  niveau?: Niveau;
  progress: Progress;
  reminders: ReminderRequest[];
  /** A person's last exchange (their record is erased a year later, subscriptions with it); absent for a room. */
  lastExchange?: string;
}

/** Read-modify-write of one key of the schedule namespace, atomic (see `updateKey`): two turns or two instances lose no update. */
export function updateShared<T>(store: StateStore, key: string, empty: T, change: (value: T) => T | undefined): Promise<void> {
  return updateKey(store, SCHEDULE, key, empty, change);
}

/** A promised reminder stops counting two days after it was due (it went out, or was skipped as too late). */
const PAST_MS = 2 * 864e5;

/** Whether a person has anything the scheduler would send. */
export const expectsSomething = (p: PersonRecord, now: Date): boolean =>
  p.subscriptions.length > 0 || p.reminders.some((r) => Date.parse(r.due) > now.getTime() - PAST_MS);

/** Keeps the roster in step with a person's record after a turn (only written when it changes). */
export async function syncRoster(
  store: StateStore,
  key: string,
  platform: string,
  address: Address,
  person: PersonRecord | undefined,
  now: Date,
): Promise<void> {
  const wanted = person !== undefined && expectsSomething(person, now);
  const roster = (await store.read<Roster>(SCHEDULE, 'roster')) ?? {};
  if (wanted === key in roster) return;
  await updateShared<Roster>(store, 'roster', {}, (r) => {
    if (wanted) r[key] = { platform, address };
    else delete r[key];
    return r;
  });
}

/**
 * Everyone and every room with something to receive, read from the store. A
 * person whose last exchange is older than `retentionMs` is left out, even if
 * the store has not dropped the record yet: their subscriptions have ended.
 */
export async function loadRecipients(store: StateStore, now: Date, retentionMs = Infinity): Promise<Recipient[]> {
  const out: Recipient[] = [];
  const roster = (await store.read<Roster>(SCHEDULE, 'roster')) ?? {};
  for (const [key, where] of Object.entries(roster)) {
    const person = migratePerson(await store.read<unknown>(PEOPLE, key), now);
    if (!person || !expectsSomething(person, now)) continue;
    if (Date.parse(person.updatedAt) + retentionMs <= now.getTime()) continue;
    out.push({
      key,
      ...where,
      topics: person.subscriptions.map((s) => s.topic),
      niveau: person.profile.niveau,
      progress: person.progress,
      reminders: person.reminders,
      lastExchange: person.updatedAt,
    });
  }
  const rooms = (await store.read<Rooms>(SCHEDULE, 'rooms')) ?? {};
  for (const [key, r] of Object.entries(rooms))
    out.push({ key, platform: r.platform, address: r.address, topics: r.topics, niveau: r.niveau, progress: {}, reminders: [] });
  return out;
}

/** The key of a room subscription. */
export const roomKey = (platform: string, address: Address) =>
  address.kind === 'room'
    ? `room:${platform}:${address.workspace}:${address.room}${address.thread ? `:${address.thread}` : ''}`
    : `person:${platform}:${address.user}`;

/** The room of a conversation: a thread (a Slack timestamp, a Matrix event id) is left out, so the channel itself gets the sends. */
export const conversationRoom = (workspace: string, conversation: string): Address => ({
  kind: 'room',
  workspace,
  room: conversation.replace(/:(\$.*|\d+\.\d+)$/, ''),
});
