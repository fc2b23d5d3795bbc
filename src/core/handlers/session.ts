import { migratePerson } from '../../state/migrate.js';
import { emptyRecord, PEOPLE, type PersonRecord } from '../../state/people.js';
import { StoreUnavailableError, type StateStore } from '../../state/store.js';
import { say } from '../../shared/text.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { result, type Step, type Turn } from '../turn.js';

/**
 * Loads the person's record (migrated to today's shape) before the turn, and
 * writes it back after, once, at the end of the turn (never on a timer). An
 * anonymous one-off question leaves nothing behind; « oublie-moi » erases it.
 * A turn that fails writes nothing: the stored record stays as it was.
 * A store that fails (down, full, too slow) does not stop the answer: the
 * turn goes on with an empty record and says that nothing can be remembered
 * for now; « mes données » and « oublie-moi » say they cannot be done yet.
 */
export function session(engine: Engine, store: StateStore): Step {
  const { retentionMs } = engine.settings;
  return async (turn, next) => {
    const { now, message } = turn;
    let stored: PersonRecord | undefined;
    let offline = false;
    try {
      stored = migratePerson(await store.read<unknown>(PEOPLE, turn.key), now);
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      offline = true;
    }
    turn.person = stored ?? emptyRecord(now);
    mergeHints(engine, turn);
    turn.conversation = turn.person.conversations[message.conversation] ?? { updatedAt: now.toISOString() };

    await next();
    if (offline) return storeDown(turn);

    const { person, conversation } = turn;
    conversation.updatedAt = now.toISOString();
    if (conversation.flow || conversation.pending) person.conversations[message.conversation] = conversation;
    else delete person.conversations[message.conversation];
    person.updatedAt = now.toISOString();
    try {
      if (turn.forget || !hasAnything(person)) {
        if (stored) await store.delete(PEOPLE, turn.key);
        if (turn.forget) await store.purge();
      } else await store.write(PEOPLE, turn.key, person, retentionMs);
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      storeDown(turn);
    }
  };
}

/** The answer stands, with a word (once) that it is not remembered; a privacy request is not done, and said so. */
export function storeDown(turn: Turn): void {
  if (turn.result?.intent.startsWith('privacy.')) turn.result = result('store.unavailable', [say(T.storeDownPrivacy)], null, 0);
  else if (!turn.preface.includes(DOWN)) turn.preface.push(DOWN);
}
const DOWN = say(T.storeDown);

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
    p.profile.departement ||
      p.profile.niveau ||
      p.reminders.length ||
      p.subscriptions?.length ||
      Object.keys(p.progress).length ||
      Object.values(p.conversations).some((c) => c.flow || c.pending),
  );
}
