import { randomUUID } from 'node:crypto';
import type { StateStore } from './types.js';

/**
 * Counts of what the assistant does, per day, for the operators' page: turns
 * by outcome, by platform, answered topics, guided flows started, finished or
 * abandoned. Counts only: no person, no text, no time finer than the day.
 *
 * Each process counts in a record of its own (`day:instance`), written at the
 * end of every turn, so two instances on Redis never overwrite each other and
 * a turn costs one write; a small index per day lists the instances to add up.
 */
export const ACTIVITY = 'activity';
const ACTIVITY_LOCKS = 'activity-locks';
/** How long a day of counts is kept: a year and a bit, to compare with last year's same weeks. */
export const ACTIVITY_KEEP_DAYS = 400;
const DAY_MS = 864e5;
const TTL_MS = (ACTIVITY_KEEP_DAYS + 1) * DAY_MS;

/** How a turn ended for the person: answered, offered a menu (« Vouliez-vous dire »), or not understood. */
export type Outcome = 'answered' | 'menu' | 'notUnderstood';
export const OUTCOMES: readonly Outcome[] = ['answered', 'menu', 'notUnderstood'];
export type FlowEvent = 'started' | 'finished' | 'abandoned';
export type FlowCounts = Record<FlowEvent, number>;

/** One day of counts (`YYYY-MM-DD`, Paris time). */
export interface ActivityDay {
  day: string;
  turns: Record<Outcome, number>;
  platforms: Record<string, number>;
  topics: Record<string, number>;
  flows: Record<string, FlowCounts>;
}

/** What one turn adds. */
export interface TurnCount {
  outcome: Outcome;
  platform: string;
  /** The knowledge entry served, if any. */
  topic?: string | null;
  flows?: { id: string; event: FlowEvent }[];
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const HOUR_MS = 36e5;
/** The last UTC hour asked for and its Paris day: Paris is a whole number of hours from UTC, so a day never changes within an hour. */
let lastHour = Number.NaN;
let lastDay = '';
/** The Paris day of an instant, `YYYY-MM-DD` (Intl, slow, once an hour: every turn asks). */
export function parisDay(d: Date): string {
  const hour = Math.floor(d.getTime() / HOUR_MS);
  if (hour !== lastHour) [lastHour, lastDay] = [hour, PARIS_DAY.format(d)];
  return lastDay;
}

/** An empty day. */
export const emptyDay = (day: string): ActivityDay => ({
  day,
  turns: { answered: 0, menu: 0, notUnderstood: 0 },
  platforms: {},
  topics: {},
  flows: {},
});

const flowOf = (day: ActivityDay, id: string): FlowCounts => {
  day.flows[id] ??= { started: 0, finished: 0, abandoned: 0 };
  return day.flows[id];
};

const bump = (o: Record<string, number>, k: string, n = 1) => {
  o[k] = (o[k] ?? 0) + n;
};

/** Adds `b` into `a` (both days' counts). */
export function addDay(a: ActivityDay, b: ActivityDay): ActivityDay {
  for (const o of OUTCOMES) a.turns[o] += b.turns?.[o] ?? 0;
  for (const [k, n] of Object.entries(b.platforms ?? {})) bump(a.platforms, k, n);
  for (const [k, n] of Object.entries(b.topics ?? {})) bump(a.topics, k, n);
  for (const [id, f] of Object.entries(b.flows ?? {})) {
    const into = flowOf(a, id);
    for (const e of ['started', 'finished', 'abandoned'] as const) into[e] += f[e] ?? 0;
  }
  return a;
}

const turnsOf = (d: ActivityDay) => OUTCOMES.reduce((n, o) => n + (d.turns?.[o] ?? 0), 0);

/** This process's counts: one record per day, written after each turn. */
export class ActivityCounter {
  /** Random per process: a restart starts a new record rather than read and race an old one. */
  readonly instance = randomUUID().slice(0, 12);
  private today?: ActivityDay;
  private listed?: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly store: StateStore) {}

  /** Adds one turn and writes the day's record (writes of one process go one after the other). */
  count(now: Date, c: TurnCount): Promise<void> {
    const day = parisDay(now);
    if (this.today?.day !== day) this.today = emptyDay(day);
    const d = this.today;
    d.turns[c.outcome]++;
    bump(d.platforms, c.platform);
    if (c.topic) bump(d.topics, c.topic);
    for (const f of c.flows ?? []) flowOf(d, f.id)[f.event]++;
    // the counts themselves, not a copy: every store turns them into text at the call (keyv, a SQLite row) or
    // at the commit (an update), and counts only grow, so what lands is the day as it stands then, never behind
    // this turn (a copy per turn cost more than the rest of the count: V8 copies an object of many keys slowly)
    const write = this.writing.then(() => this.write(d));
    this.writing = write.catch(() => {});
    return write;
  }

  private async write(d: ActivityDay): Promise<void> {
    if (this.listed !== d.day) {
      await listInstance(this.store, d.day, this.instance);
      this.listed = d.day;
    }
    const key = `${d.day}:${this.instance}`;
    // on SQLite each turn's writes land at its commit, and turns may commit out of order: keep the most counted
    if (this.store.update)
      await this.store.update<ActivityDay>(ACTIVITY, key, (now) => (now && turnsOf(now) >= turnsOf(d) ? undefined : d), TTL_MS);
    else await this.store.write(ACTIVITY, key, d, TTL_MS);
  }
}

/** Adds an instance to a day's index, under a short claim (once per day and process). */
async function listInstance(store: StateStore, day: string, instance: string): Promise<void> {
  const key = `${day}:instances`;
  let held = await store.claim(ACTIVITY_LOCKS, key, 2000);
  for (let i = 0; i < 50 && !held; i++) {
    await new Promise((r) => setTimeout(r, 20));
    held = await store.claim(ACTIVITY_LOCKS, key, 2000);
  }
  try {
    const list = (await store.read<string[]>(ACTIVITY, key)) ?? [];
    if (!list.includes(instance)) await store.write(ACTIVITY, key, [...list, instance], TTL_MS);
  } finally {
    if (held) await store.release(ACTIVITY_LOCKS, key).catch(() => {});
  }
}

/** The counts of one day, every instance added up. */
export async function readActivityDay(store: StateStore, day: string): Promise<ActivityDay> {
  const instances = (await store.read<string[]>(ACTIVITY, `${day}:instances`)) ?? [];
  const records = await Promise.all(instances.map((i) => store.read<ActivityDay>(ACTIVITY, `${day}:${i}`)));
  return records.reduce<ActivityDay>((sum, r) => (r ? addDay(sum, r) : sum), emptyDay(day));
}

/** The `days` days up to the day of `now` (included), oldest first, each added up over instances. */
export async function readActivity(store: StateStore, now: Date, days: number): Promise<ActivityDay[]> {
  const list = Array.from({ length: days }, (_, i) => parisDay(new Date(now.getTime() - (days - 1 - i) * DAY_MS)));
  // noon-to-noon steps would skip or repeat a day across a clock change: dedupe and fill by calendar
  const unique = [...new Set(list)];
  return Promise.all(unique.map((d) => readActivityDay(store, d)));
}
