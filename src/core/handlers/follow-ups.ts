import { StoreUnavailableError, type StateStore } from '../../state/store.js';
import type { Engine } from '../engine.js';
import type { Step } from '../turn.js';

/** Where the last topic of each conversation is kept, by person, for a short while. */
export const RECENT = 'recent';

type Recent = Record<string, { topic: string; at: string; departement?: string }>;

/**
 * The short-lived context of follow-ups (« et pour les Landes ? »): the entry
 * last answered in each of the person's conversations, kept in the store with
 * a time to live, so that it also works when several instances share Redis.
 * « oublie-moi » erases it with the rest. A store that fails only loses the
 * context (the session step tells the person).
 */
export function followUps(engine: Engine, store: StateStore): Step {
  const ttl = engine.settings.followUpTtlMs;
  return async (turn, next) => {
    const conv = turn.message.conversation;
    const recent = (await store.read<Recent>(RECENT, turn.key).catch(offline)) ?? {};
    const last = recent[conv];
    if (last && turn.now.getTime() - Date.parse(last.at) < ttl) {
      turn.lastTopic = last.topic;
      turn.lastDepartement = last.departement;
    }

    await next();

    if (turn.forget) return store.delete(RECENT, turn.key).catch(offline);
    const topic = turn.result?.topic;
    if (!topic && !last) return;
    for (const [k, v] of Object.entries(recent)) if (turn.now.getTime() - Date.parse(v.at) >= ttl) delete recent[k];
    const departement = turn.analysis.departement;
    if (topic) recent[conv] = { topic, at: turn.now.toISOString(), ...(departement && { departement }) };
    else delete recent[conv];
    if (Object.keys(recent).length) await store.write(RECENT, turn.key, recent, ttl).catch(offline);
    else await store.delete(RECENT, turn.key).catch(offline);
  };
}

/** A store that is down costs the context only. */
function offline(err: unknown): undefined {
  if (err instanceof StoreUnavailableError) return undefined;
  throw err;
}
