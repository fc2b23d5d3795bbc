import {
  adapterHealth,
  CORE_TEXTS,
  KeyedQueue,
  RATE_LIMIT_NOTICE,
  RateLimiter,
  paragraph,
  type IncomingMessage,
  type Logger,
  type OutgoingMessage,
  type StateStore,
  type TurnHandler,
} from '../src/index.js';

/**
 * The inbound sequence every platform shares, in the spirit of hubot's
 * receive/response middleware and Bolt's `ignoreSelf`: a platform says how to
 * read its events (`map`), how to draw a reply (`render`) and how to deliver
 * it (`transport`); the pipeline does the rest, once for all of them:
 *
 * map (bots, itself, unaddressed → nothing) → claim the event id in the shared
 * store → rate limit per person → acknowledge (the platform's deadline) →
 * one turn at a time per person and conversation → the core → render and
 * deliver each message in order, or the internal-error sentence on failure.
 */

/** One event a platform has read: the core's message, the id to claim, and where the answer goes. */
export interface Inbound<R> {
  message: IncomingMessage;
  /** The platform's id for the event, claimed once in the store: platforms redeliver, and instances share one bot. */
  eventId?: string;
  /** Where and how the answer goes; only the platform's render and transport read it. */
  reply: R;
  /** The platform shows an error unless this event gets an answer (a Discord slash command): a dropped one still gets the notice. */
  needsAnswer?: boolean;
}

/** The rate limiter's verdict for one event. */
export type Verdict = 'ok' | 'notice' | 'drop';

/** What a delivered payload is part of: the core's answer, the rate-limit notice, or the internal-error sentence. */
export type ReplyKind = 'answer' | 'notice' | 'error';

/** How a platform delivers replies. */
export interface Transport<R, P> {
  /**
   * Called at once for every claimed event, before it waits for the person's
   * earlier turns: where the platform wants an answer within seconds (Discord's
   * interactions), it is given here. A failure ends the event there.
   */
  acknowledge?(reply: R, verdict: Verdict): Promise<void>;
  /** Delivers one payload; `index` counts the payloads of this reply from 0. */
  deliver(reply: R, payload: P, step: { index: number; kind: ReplyKind }): Promise<void>;
}

/** What a platform supplies to the pipeline. */
export interface Platform<Raw, R, P> {
  /** `slack`, `discord`…: the claims' namespace (`<name>-events`) and the area of its log events. */
  readonly name: string;
  /** A raw event as a message for the core, or nothing (a bot, the bot itself, not addressed to it). */
  map(raw: Raw): Inbound<R> | undefined;
  /** One message of the bot as payloads; `to` is the event it answers (absent for `send`), `first` when it opens the reply. */
  render(message: OutgoingMessage, to?: { reply: R; first: boolean }): P[];
  readonly transport: Transport<R, P>;
}

export interface PipelineDeps {
  assistant: TurnHandler;
  /** Where event ids are claimed: the assistant's store, shared by every instance on Redis. */
  store: StateStore;
  logger: Logger;
  /** Per-person flood guard; `false` where there is no one to guard against (the console). */
  limiter?: RateLimiter | false;
  /** How long a claimed event id is remembered (an hour by default: longer than any platform's redelivery). */
  claimTtlMs?: number;
}

const CLAIM_TTL_MS = 60 * 60_000;

/** The shared inbound pipeline of one adapter. */
export class InboundPipeline<Raw, R, P> {
  private readonly queue = new KeyedQueue();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly limiter: RateLimiter | false;

  constructor(
    private readonly platform: Platform<Raw, R, P>,
    private readonly deps: PipelineDeps,
  ) {
    this.limiter = deps.limiter ?? new RateLimiter();
  }

  /** Takes one raw event through the whole sequence; resolves once its reply is delivered, never rejects. */
  receive(raw: Raw): Promise<void> {
    adapterHealth.event(this.platform.name);
    const run = this.process(raw).catch((err: unknown) => {
      adapterHealth.error(this.platform.name, err);
      this.deps.logger.error(`${this.platform.name}.event_failed`, { err: err as Error });
    });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** Resolves once every event received so far (and any received meanwhile) is handled. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    await this.queue.settled();
  }

  private async process(raw: Raw): Promise<void> {
    const { name, transport } = this.platform;
    const log = this.deps.logger;
    const inbound = this.platform.map(raw);
    if (!inbound) return;
    const ids = idsOf(inbound.message);
    if (
      inbound.eventId !== undefined &&
      !(await this.deps.store.claim(`${name}-events`, inbound.eventId, this.deps.claimTtlMs ?? CLAIM_TTL_MS))
    ) {
      return log.debug(`${name}.event_duplicate`, { ...ids, event: inbound.eventId });
    }
    // Platform user ids are unique on their platform, so a person has one bucket wherever they write.
    let verdict: Verdict = this.limiter ? this.limiter.check(inbound.message.user) : 'ok';
    if (verdict === 'drop' && inbound.needsAnswer) verdict = 'notice';
    try {
      await transport.acknowledge?.(inbound.reply, verdict);
    } catch (err) {
      adapterHealth.error(name, err);
      return log.warn('turn.ack_failed', { ...ids, err: err as Error });
    }
    if (verdict === 'drop') return log.debug('turn.dropped', ids);
    if (verdict === 'notice') log.warn('turn.rate_limited', ids);
    const key = [inbound.message.workspace, inbound.message.user, inbound.message.conversation].join('\u0000');
    await this.queue.run(key, () => (verdict === 'ok' ? this.turn(inbound) : this.say(inbound, RATE_LIMIT_NOTICE, 'notice')));
  }

  /** The core, then each message in order; on a failure, the internal-error sentence. */
  private async turn(inbound: Inbound<R>): Promise<void> {
    const ids = idsOf(inbound.message);
    const sent = { count: 0 };
    let stage: 'handle' | 'deliver' = 'handle';
    try {
      const result = await this.deps.assistant.handle(inbound.message);
      this.deps.logger.debug('turn.answered', { ...ids, intent: result.intent, topic: result.topic, confidence: result.confidence });
      stage = 'deliver';
      await this.deliver(inbound, result.messages, 'answer', sent);
    } catch (err) {
      adapterHealth.error(this.platform.name, err);
      this.deps.logger.error('turn.failed', { ...ids, stage, err: err as Error });
      try {
        await this.deliver(inbound, [sentence(CORE_TEXTS.internalError)], 'error', sent);
      } catch (again) {
        this.deps.logger.error('turn.error_reply_failed', { ...ids, err: again as Error });
      }
    }
  }

  /** One sentence of the adapter's own (the rate-limit notice). */
  private async say(inbound: Inbound<R>, text: string, kind: ReplyKind): Promise<void> {
    try {
      await this.deliver(inbound, [sentence(text)], kind, { count: 0 });
    } catch (err) {
      this.deps.logger.error('turn.notice_failed', { ...idsOf(inbound.message), err: err as Error });
    }
  }

  private async deliver(inbound: Inbound<R>, messages: OutgoingMessage[], kind: ReplyKind, sent: { count: number }): Promise<void> {
    for (const message of messages) {
      for (const payload of this.platform.render(message, { reply: inbound.reply, first: sent.count === 0 })) {
        await this.platform.transport.deliver(inbound.reply, payload, { index: sent.count, kind });
        sent.count++;
      }
    }
  }
}

/** What a log line may say about a turn: ids, never the text. */
const idsOf = (m: IncomingMessage) => ({ workspace: m.workspace, user: m.user, conversation: m.conversation });

const sentence = (text: string): OutgoingMessage => ({ blocks: [paragraph(text)] });
