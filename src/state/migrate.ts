import { emptyRecord, PERSON_VERSION, type PersonRecord } from './people.js';

type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

/**
 * How each stored shape becomes the next one (as grammY migrates its
 * sessions): `MIGRATIONS[n]` turns a version-n record into version n + 1.
 * Add one here whenever the shape of `PersonRecord` changes, and bump
 * `PERSON_VERSION`.
 */
const MIGRATIONS: Record<number, Migration> = {
  // Version 1 (2026, before versions were stored): no version field; reminders
  // and progress were added later, so the oldest records may lack them.
  1: (r) => ({
    ...r,
    reminders: Array.isArray(r.reminders) ? r.reminders : [],
    progress: isObject(r.progress) ? r.progress : {},
    version: 2,
  }),
  // Version 2 → 3: subscriptions to the digest and the calendar's reminders.
  2: (r) => ({ ...r, subscriptions: Array.isArray(r.subscriptions) ? r.subscriptions : [], version: 3 }),
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A stored person record in today's shape: older versions are migrated step
 * by step; a record of an unknown (newer) version or not an object at all is
 * returned as `undefined`, and the caller starts afresh rather than crash.
 */
export function migratePerson(stored: unknown, now: Date): PersonRecord | undefined {
  if (!isObject(stored)) return undefined;
  let r: Record<string, unknown> = stored;
  let version = typeof r.version === 'number' ? r.version : 1;
  while (version < PERSON_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return undefined;
    r = step(r);
    version = r.version as number;
  }
  if (version !== PERSON_VERSION) return undefined;
  const base = emptyRecord(now);
  return {
    ...base,
    ...r,
    profile: isObject(r.profile) ? r.profile : {},
    conversations: isObject(r.conversations) ? r.conversations : {},
  } as PersonRecord;
}
