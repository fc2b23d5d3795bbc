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
import { session } from './handlers/session.js';
import { withoutGreeting } from './handlers/smalltalk.js';
import { T } from './texts.js';
import { answering, result, type Turn } from './turn.js';

export interface AssistantOptions {
  engine: Engine;
  store: StateStore;
  /** The steps that read the message and answer it, composed by the caller (see `src/app.ts`). */
  steps: Middleware<Turn>;
  now?: () => Date;
  logger?: Logger;
}

/** Empty or unreadable text gets a French reply before any recogniser runs. */
const readable = answering((turn) => {
  if (!turn.message.text?.trim?.()) return result('input.empty', [say(T.empty)]);
  if (!turn.analysis.normalized) return result('input.unreadable', [say(T.noText)]);
  return undefined;
});

/**
 * The core turn, the same for the console, `batch` and every platform:
 * one error boundary › the person's record › follow-up context › readable
 * input › the composed steps. Turns of one person run one after the other.
 */
export class Assistant implements TurnHandler {
  readonly engine: Engine;
  private readonly store: StateStore;
  private readonly now: () => Date;
  private readonly log: Logger;
  private readonly queue = new KeyedQueue();
  private readonly gate: Gate;
  private readonly chain: Middleware<Turn>;

  constructor(opts: AssistantOptions) {
    this.engine = opts.engine;
    this.store = opts.store;
    this.now = opts.now ?? (() => new Date());
    this.log = opts.logger ?? silentLogger;
    this.gate = new Gate(this.engine.settings.maxTurnsAtOnce);
    const failed = (err: unknown, turn: Turn) => {
      this.log.error('turn.failed', { platform: turn.message.platform, err: err as Error });
      turn.preface = [];
      turn.result = result('error.internal', [say(T.internalError)], null, 0);
    };
    this.chain = errorBoundary(failed, session(this.engine, this.store), followUps(this.engine, this.store), readable, opts.steps);
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
    const turn = this.begin(key, message);
    await this.chain(turn, async () => {});
    const out = turn.result ?? result('fallback', [say(T.dontKnow)], null, 0);
    this.log.debug('turn.answered', { platform: message.platform, intent: out.intent, topic: out.topic, confidence: out.confidence });
    return { ...out, messages: [...turn.preface, ...out.messages] };
  }

  /** The turn's context: the message cleaned once, cut to the length limit, and analysed once. */
  private begin(key: string, message: IncomingMessage): Turn {
    const now = this.now();
    const limit = this.engine.settings.maxTextLength;
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
    return { message, key, now, text, analysis: this.engine.analyzer.analyze(text), person: emptyRecord(now), conversation, preface };
  }
}
