import { migratePerson } from '../../state/migrate.js';
import { emptyRecord, PEOPLE, type PersonRecord } from '../../state/people.js';
import type { StateStore } from '../../state/store.js';
import type { Engine } from '../engine.js';
import type { Step, Turn } from '../turn.js';

/**
 * Loads the person's record (migrated to today's shape) before the turn, and
 * writes it back after, once, at the end of the turn (never on a timer). An
 * anonymous one-off question leaves nothing behind; « oublie-moi » erases it.
 * A turn that fails writes nothing: the stored record stays as it was.
 */
export function session(engine: Engine, store: StateStore): Step {
  const { retentionMs } = engine.settings;
  return async (turn, next) => {
    const { now, message } = turn;
    const stored = migratePerson(await store.read<unknown>(PEOPLE, turn.key), now);
    turn.person = stored ?? emptyRecord(now);
    mergeHints(engine, turn);
    turn.conversation = turn.person.conversations[message.conversation] ?? { updatedAt: now.toISOString() };

    await next();

    const { person, conversation } = turn;
    conversation.updatedAt = now.toISOString();
    if (conversation.flow || conversation.pending) person.conversations[message.conversation] = conversation;
    else delete person.conversations[message.conversation];
    person.updatedAt = now.toISOString();
    if (turn.forget || !hasAnything(person)) {
      if (stored) await store.delete(PEOPLE, turn.key);
    } else await store.write(PEOPLE, turn.key, person, retentionMs);
  };
}

/** Facts from the adapter (or the `profile` field of `batch`) fill the stored profile. */
function mergeHints(engine: Engine, turn: Turn): void {
  const hints = turn.message.profile;
  if (!hints) return;
  const profile = turn.person.profile;
  if (hints.niveau === 'college' || hints.niveau === 'lycee') profile.niveau = hints.niveau;
  if (hints.departement) {
    const name = String(hints.departement);
    const dep = engine.analyzer.analyze(`departement ${name}`).departement ?? engine.analyzer.analyze(name).departement;
    if (dep) profile.departement = dep;
  }
}

/** A record worth keeping: an anonymous one-off question leaves nothing behind. */
export function hasAnything(p: PersonRecord): boolean {
  return Boolean(
    p.profile.departement || p.profile.niveau || p.reminders.length || p.subscriptions?.length || Object.keys(p.progress).length || Object.values(p.conversations).some((c) => c.flow || c.pending),
  );
}
