import type { KnowledgeBase } from '../knowledge/schema.js';
import { normalize, stripMarkup, stripNoise } from '../nlu/normalize.js';
import { emptyRecord, PEOPLE, personKey, type PersonRecord } from '../state/people.js';
import type { StateStore } from '../state/store.js';
import { Engine, type FlowTrigger } from './engine.js';
import { help } from './handlers/help.js';
import { knowledge } from './handlers/knowledge.js';
import { pending } from './handlers/pending.js';
import { privacy } from './handlers/privacy.js';
import { profileLearning } from './handlers/profile.js';
import { smalltalk, withoutGreeting } from './handlers/smalltalk.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import { T } from './texts.js';
import { result, type Handler, type Turn } from './turn.js';
import { say } from '../shared/text.js';
import type { IncomingMessage, TurnHandler, TurnResult } from '../shared/types.js';

/** Longest message read; the rest is dropped with a note (a 1 MB paste must not stall the engine). */
export const MAX_TEXT_LENGTH = 2000;

/** A record nobody has touched for a year is erased by the store itself (data minimisation). */
const RETENTION_MS = 365 * 24 * 3600 * 1000;

/** A turn holds its person's lock this long at most; another instance waits this long at most. */
const LOCK_TTL_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

/** How long « et pour le lycée ? » still refers to the previous answer. */
const RECENT_MS = 30 * 60 * 1000;

/** Plugs a feature into the turn: its handlers run in order, before or after the built-in ones. */
export interface Feature {
  triggers?: FlowTrigger[];
  /** Run before anything else (a flow in progress owns the conversation). */
  first?: (engine: Engine) => Handler[];
  /** Run before the knowledge search (a request to start a flow). */
  beforeKnowledge?: (engine: Engine) => Handler[];
}

export interface AssistantOptions {
  kb: KnowledgeBase;
  store: StateStore;
  features?: Feature[];
  now?: () => Date;
  logger?: Logger;
}

/** The core turn: the same for the console, `batch` and every platform adapter. */
export class Assistant implements TurnHandler {
  readonly engine: Engine;
  private readonly handlers: Handler[];
  private readonly store: StateStore;
  private readonly now: () => Date;
  private readonly log: Logger;
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Last entry answered per person and conversation: short-lived context, in memory only, never stored. */
  private readonly recent = new Map<string, { topic: string; at: number }>();

  constructor(opts: AssistantOptions) {
    const features = opts.features ?? [];
    this.engine = new Engine(opts.kb, features.flatMap((f) => f.triggers ?? []));
    this.store = opts.store;
    this.now = opts.now ?? (() => new Date());
    this.log = opts.logger ?? silentLogger;
    const e = this.engine;
    this.handlers = [
      privacy(e),
      ...features.flatMap((f) => f.first?.(e) ?? []),
      pending(e),
      help(e),
      smalltalk,
      profileLearning(e),
      ...features.flatMap((f) => f.beforeKnowledge?.(e) ?? []),
      knowledge(e),
    ];
  }

  /** Handles one message; turns for the same person run one after the other. */
  handle(message: IncomingMessage): Promise<TurnResult> {
    const key = personKey(message.platform, message.workspace, message.user);
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() => this.locked(key, () => this.turn(key, message)));
    this.locks.set(key, run);
    run.finally(() => this.locks.get(key) === run && this.locks.delete(key)).catch(() => {});
    return run;
  }

  /**
   * With a shared store, several instances may receive the same person's
   * messages: the person's record is claimed for the turn so no update is lost.
   */
  private async locked<T>(key: string, run: () => Promise<T>): Promise<T> {
    if (this.store.kind !== 'redis') return run();
    const deadline = Date.now() + LOCK_WAIT_MS;
    while (!(await this.store.claim('turn-locks', key, LOCK_TTL_MS))) {
      if (Date.now() > deadline) {
        this.log.warn('person lock wait timed out; handling the turn anyway');
        return run();
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    try {
      return await run();
    } finally {
      await this.store.release('turn-locks', key).catch(() => {});
    }
  }

  private async turn(key: string, message: IncomingMessage): Promise<TurnResult> {
    const now = this.now();
    const stored = await this.store.read<PersonRecord>(PEOPLE, key);
    const person = stored ?? emptyRecord(now);
    this.mergeHints(person, message);
    const conversation = person.conversations[message.conversation] ?? { updatedAt: now.toISOString() };

    const preface = [];
    let raw = typeof message.text === 'string' ? message.text : '';
    if (raw.length > MAX_TEXT_LENGTH) {
      raw = raw.slice(0, MAX_TEXT_LENGTH);
      preface.push(say(T.cut(MAX_TEXT_LENGTH)));
    }
    const clean = stripMarkup(stripNoise(raw)).replace(/\s+/g, ' ').trim();
    const text = withoutGreeting(clean) || clean;
    const recentKey = `${key}|${message.conversation}`;
    const recent = this.recent.get(recentKey);
    const lastTopic = recent && now.getTime() - recent.at < RECENT_MS ? recent.topic : undefined;
    const turn: Turn = { message, text, analysis: this.engine.analyzer.analyze(text), person, conversation, now, preface, lastTopic };

    let out: TurnResult;
    if (!raw.trim()) out = result('input.empty', [say(T.empty)]);
    else if (!normalize(text)) out = result('input.unreadable', [say(T.noText)]);
    else out = (await this.dispatch(turn)) ?? result('fallback', [say(T.dontKnow)], null, 0);
    out = { ...out, messages: [...turn.preface, ...out.messages] };
    this.remember(recentKey, out.topic, now, turn.forget);

    conversation.updatedAt = now.toISOString();
    if (conversation.flow || conversation.pending) person.conversations[message.conversation] = conversation;
    else delete person.conversations[message.conversation];
    person.updatedAt = now.toISOString();
    if (turn.forget || !hasAnything(person)) {
      if (stored) await this.store.delete(PEOPLE, key);
    } else await this.store.write(PEOPLE, key, person, RETENTION_MS);
    this.log.debug('turn', { platform: message.platform, intent: out.intent, topic: out.topic, confidence: out.confidence });
    return out;
  }

  private remember(key: string, topic: string | null, now: Date, forget?: boolean): void {
    this.recent.delete(key);
    if (forget) {
      for (const k of this.recent.keys()) if (k.startsWith(key.slice(0, key.lastIndexOf('|') + 1))) this.recent.delete(k);
      return;
    }
    if (!topic) return;
    this.recent.set(key, { topic, at: now.getTime() });
    if (this.recent.size > 10000) this.recent.delete(this.recent.keys().next().value!);
  }

  private async dispatch(turn: Turn): Promise<TurnResult | undefined> {
    for (const h of this.handlers) {
      const r = await h(turn);
      if (r) return r;
    }
    return undefined;
  }

  /** Facts from the adapter (or the `profile` field of `batch`) fill the stored profile. */
  private mergeHints(person: PersonRecord, message: IncomingMessage): void {
    const hints = message.profile;
    if (!hints) return;
    if (hints.niveau === 'college' || hints.niveau === 'lycee') person.profile.niveau = hints.niveau;
    if (hints.departement) {
      const dep = this.engine.analyzer.analyze(`departement ${hints.departement}`).departement ?? this.engine.analyzer.analyze(String(hints.departement)).departement;
      if (dep) person.profile.departement = dep;
    }
  }
}

/** A record worth keeping: an anonymous one-off question leaves nothing behind. */
function hasAnything(p: PersonRecord): boolean {
  return Boolean(p.profile.departement || p.profile.niveau || p.reminders.length || Object.keys(p.progress).length || Object.keys(p.conversations).length);
}
