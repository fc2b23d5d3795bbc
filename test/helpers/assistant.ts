import { createAssistant } from '../../src/app.js';
import { replyText } from '../../src/shared/text.js';
import type { IncomingMessage, TurnResult } from '../../src/shared/types.js';
import { memoryStore, type StateStore } from '../../src/state/store.js';
import type { Assistant } from '../../src/core/assistant.js';
import { normalize } from '../../src/nlu/normalize.js';

let shared: Assistant | undefined;

/**
 * One assistant over a memory store, built once per test file; with a store or
 * a clock, a new assistant over the same engine (building an engine, classifier
 * included, takes about a second).
 */
export function testAssistant(store?: StateStore, now?: () => Date): Assistant {
  shared ??= createAssistant(memoryStore());
  if (store || now) return createAssistant(store ?? memoryStore(), { now, engine: shared.engine });
  return shared;
}

/** The engine of the shared test assistant, for an assistant built with other options (a store, a clock). */
export const sharedEngine = () => testAssistant().engine;

let n = 0;
/** A fresh person id, so tests never share a profile by accident. */
export const freshUser = () => `u${++n}-${Math.random().toString(36).slice(2, 8)}`;

export async function ask(a: Assistant, text: string, extra: Partial<IncomingMessage> = {}): Promise<TurnResult & { text: string }> {
  const r = await a.handle({ platform: 'test', workspace: '-', user: 'anon-' + freshUser(), conversation: 'c', text, ...extra });
  return { ...r, text: replyText(r) };
}

/** The judging of the shared eval: lowercase, no accents, punctuation as spaces. */
export const flat = (s: string) => normalize(s);

/**
 * Plays a transcript: `user> …` lines are sent, each `bot> …` line must appear
 * (accents and punctuation ignored) in the reply to the user line before it;
 * `bot!> …` must not appear. Returns the results for further checks.
 */
export async function play(a: Assistant, script: string, who: Partial<IncomingMessage> = {}): Promise<TurnResult[]> {
  const base = { platform: 'test', workspace: '-', user: freshUser(), conversation: 'c', ...who };
  const results: TurnResult[] = [];
  let last = '';
  for (const raw of script
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(user|bot|bot!)>\s?(.*)$/.exec(raw);
    if (!m) throw new Error(`ligne de transcript illisible : ${raw}`);
    if (m[1] === 'user') {
      const r = await a.handle({ ...base, text: m[2] });
      results.push(r);
      last = replyText(r);
    } else if (m[1] === 'bot') {
      if (!flat(last).includes(flat(m[2]))) throw new Error(`attendu « ${m[2]} » dans la réponse :\n${last}`);
    } else if (flat(last).includes(flat(m[2]))) throw new Error(`« ${m[2]} » ne devait pas être dans la réponse :\n${last}`);
  }
  return results;
}
