import { cleanText } from '../nlu/normalize.js';
import { emptyRecord, personKey } from '../state/people.js';
import type { StateStore } from '../state/store.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import { Gate, KeyedQueue } from '../shared/queue.js';
import { say } from '../shared/text.js';
import type { IncomingMessage, TurnHandler, TurnResult } from '../shared/types.js';
import { errorBoundary, type Middleware } from './composer.js';
import type { Engine } from './engine.js';
import { followUps } from './handlers/follow-ups.js';
import { session, storeDown } from './handlers/session.js';
import { withoutGreeting } from './handlers/smalltalk.js';
import { T } from './texts.js';
import { answering, result, type Turn } from './turn.js';

/** What answers: the engine over one knowledge pack and the steps composed over it, replaced whole by `reload`. */
export interface Brain {
  engine: Engine;
  /** The steps that read the message and answer it, composed by the caller (see `src/app.ts`). */
  steps: Middleware<Turn>;
}

/** A brain built afresh from the knowledge files, and what the log says of it. */
export interface FreshBrain extends Brain {
  /** The pack's content hash (see `knowledgeCacheKey`). */
  pack: string;
  entries: number;
}

/** What a reload did: swapped in a new pack, or refused it (`file:line: message` lines) and kept the current one. */
export type ReloadOutcome = { ok: true; pack: string; entries: number; ms: number } | { ok: false; problems: string[] };

export interface AssistantOptions extends Brain {
  store: StateStore;
  now?: () => Date;
  logger?: Logger;
  /** Loads the knowledge again and builds a new brain over it; throws when the files are wrong (what `reload` runs). */
  rebuild?: () => FreshBrain;
}

/** Emoji that say « ok, thanks » (thumbs up, OK hand, folded hands, check mark, applause, smile, heart). */
const APPROVAL =
  /^(?:[\s!.]|\u{1F44D}|\u{1F44C}|\u{1F64F}|\u2705|\u2714\uFE0F?|\u{1F44F}|\u{1F642}|\u{1F60A}|\u{1F600}|\u{1F603}|\u2764\uFE0F?|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})+$/u;

/** Empty or unreadable text gets a French reply before any recogniser runs. */
const readable = answering((turn) => {
  if (!turn.message.text?.trim?.()) return result('input.empty', [say(T.empty)]);
  if (!turn.analysis.normalized)
    // 👍, 🙏 after an answer: a thank-you without words
    return APPROVAL.test(turn.message.text) ? result('smalltalk.thanks', [say(T.thanks)]) : result('input.unreadable', [say(T.noText)]);
  return undefined;
});

/**
 * The core turn, the same for the console, `batch` and every platform:
 * one error boundary › the person's record › follow-up context › readable
 * input › the composed steps. Turns of one person run one after the other.
 */
export class Assistant implements TurnHandler {
  private readonly store: StateStore;
  private readonly now: () => Date;
  private readonly log: Logger;
  private readonly queue = new KeyedQueue();
  private readonly gate: Gate;
  /** Swapped whole by `reload`; each turn keeps the one it started with. */
  private current: { engine: Engine; chain: Middleware<Turn> };
  private readonly rebuild?: () => FreshBrain;
  private reloading: Promise<unknown> = Promise.resolve();

  constructor(opts: AssistantOptions) {
    this.store = opts.store;
    this.now = opts.now ?? (() => new Date());
    this.log = opts.logger ?? silentLogger;
    this.rebuild = opts.rebuild;
    this.current = this.compose(opts);
    this.gate = new Gate(this.engine.settings.maxTurnsAtOnce);
  }

  /** The engine answering now (a reload replaces it). */
  get engine(): Engine {
    return this.current.engine;
  }

  /**
   * Loads the knowledge files again and swaps the new engine in between
   * turns: turns under way finish on the old one. A pack with errors is
   * refused, its `file:line` problems logged, and the current one keeps
   * answering. Reloads asked for at once run one after the other.
   */
  reload(): Promise<ReloadOutcome> {
    const next = this.reloading.then(() => this.swap());
    this.reloading = next;
    return next;
  }

  private async swap(): Promise<ReloadOutcome> {
    if (!this.rebuild) return { ok: false, problems: ['rechargement impossible : connaissances fournies sans dossier'] };
    await new Promise((r) => setImmediate(r)); // the signal's handler returns first; messages already read go on
    const t0 = performance.now();
    try {
      const fresh = this.rebuild();
      this.current = this.compose(fresh);
      const ms = Math.round(performance.now() - t0);
      this.log.info('knowledge.reloaded', { pack: fresh.pack, entries: fresh.entries, ms, hint: 'connaissances rechargées' });
      return { ok: true, pack: fresh.pack, entries: fresh.entries, ms };
    } catch (err) {
      // a `KnowledgeError` lists one `file:line: message` per line
      const problems = String((err as Error).message ?? err).split('\n');
      this.log.error('knowledge.reload_refused', {
        problems,
        hint: 'connaissances non rechargées : corrigez ces fichiers puis rechargez (kill -HUP) ; les précédentes restent en service',
      });
      return { ok: false, problems };
    }
  }

  private compose(brain: Brain): { engine: Engine; chain: Middleware<Turn> } {
    const { engine } = brain;
    const failed = (err: unknown, turn: Turn) => {
      this.log.error('turn.failed', { platform: turn.message.platform, err: err as Error });
      turn.preface = [];
      turn.result = result('error.internal', [say(T.internalError)], null, 0);
    };
    return { engine, chain: errorBoundary(failed, session(engine, this.store), followUps(engine, this.store), readable, brain.steps) };
  }

  /** Handles one message; never throws (a failure is the one French internal-error reply). */
  handle(message: IncomingMessage): Promise<TurnResult> {
    const key = personKey(message.platform, message.workspace, message.user);
    return this.queue.run(key, () => this.gate.run(() => this.locked(key, () => this.turn(key, message))));
  }

  /**
   * With a shared store, several instances may receive the same person's
   * messages: the person's record is claimed for the turn so no update is lost.
   */
  private async locked<R>(key: string, run: () => Promise<R>): Promise<R> {
    if (this.store.kind !== 'redis') return run();
    const { lockTtlMs, lockWaitMs } = this.engine.settings;
    const deadline = Date.now() + lockWaitMs;
    // a store that is down cannot lock: the turn runs, and the session step says nothing is remembered
    const claim = () => this.store.claim('turn-locks', key, lockTtlMs).catch(() => null);
    for (;;) {
      const got = await claim();
      if (got) break;
      if (got === null) return run();
      if (Date.now() > deadline) {
        this.log.warn('turn.lock_timeout', { hint: 'verrou de la personne non obtenu à temps ; le tour est traité quand même' });
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
    const { engine, chain } = this.current;
    const turn = this.begin(engine, key, message);
    // on SQLite, what the turn writes lands at its end in one transaction (nothing of it if it never ends)
    const tx = this.store.transaction?.();
    const steps = async () => void (await chain(turn, async () => {}));
    await (tx ? tx.run(steps) : steps());
    if (tx) {
      await tx.commit().catch((err: unknown) => {
        this.log.warn('store.commit_failed', { platform: message.platform, err: err as Error, hint: 'ce tour n’a pas pu être enregistré' });
        storeDown(turn);
      });
    }
    const out = turn.result ?? result('fallback', [say(T.dontKnow)], null, 0);
    this.log.debug('turn.answered', { platform: message.platform, intent: out.intent, topic: out.topic, confidence: out.confidence });
    return { ...out, messages: [...turn.preface, ...out.messages] };
  }

  /** The turn's context: the message cleaned once, cut to the length limit, and analysed once. */
  private begin(engine: Engine, key: string, message: IncomingMessage): Turn {
    const now = this.now();
    const limit = engine.settings.maxTextLength;
    let raw = typeof message.text === 'string' ? message.text : '';
    const preface = [];
    if (raw.length > limit) {
      raw = raw.slice(0, limit);
      preface.push(say(T.cut(limit)));
    }
    const clean = cleanText(raw);
    const text = withoutGreeting(clean) || clean;
    // the stored person and conversation replace these in the `session` step
    const conversation = { updatedAt: now.toISOString() };
    return { message, key, now, text, analysis: engine.analyzer.analyze(text), person: emptyRecord(now), conversation, preface };
  }
}
