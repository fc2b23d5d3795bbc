import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type Logger as BoltLogger, type RespondFn, type webApi } from '@slack/bolt';
import type { PlatformModule } from '../platform.js';
import { slackConfigFromEnv, type SlackConfig } from './config.js';
import { fromChoiceClick, fromCommand, fromDirectMessage, fromMention, type ReplyTarget, type SlackBlockActions, type SlackMessageEvent, type SlackTurn } from './map.js';
import { CHOICE_ACTION_PREFIX, plainPayload, toSlackPayload, type SlackPayload } from './render.js';
import { SLACK_TEXTS } from './texts.js';
import { ConfigError, RATE_LIMIT_NOTICE, RateLimiter, memoryStore, type Adapter, type Logger, type StateStore, type TurnHandler, type TurnResult } from '../../src/index.js';

export type { SlackConfig } from './config.js';

/** Test seams and deployment knobs that do not come from the environment. */
export interface SlackAdapterOptions {
  /** Web API base URL, e.g. a local fake in tests (Slack's own by default). */
  apiUrl?: string;
  /** Interface the HTTP receiver listens on (all by default). */
  host?: string;
  limiter?: RateLimiter;
  /** Where retried events are claimed (the assistant's store: shared by every instance on Redis). */
  store?: StateStore;
}

type Deliver = (payload: SlackPayload) => Promise<void>;

const COMMAND = '/rupn';
const CHOICE_ACTION = new RegExp(`^${CHOICE_ACTION_PREFIX}`);
/** Slack answers these when the bot token itself is wrong: a configuration error, not a crash. */
const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/** The Slack front end: DMs, mentions (answered in thread), `/rupn`, and choice buttons, over Bolt. */
export class SlackAdapter implements Adapter {
  readonly name = 'slack';
  private readonly app: App;
  private readonly log: Logger;
  private readonly limiter: RateLimiter;
  private readonly claims: StateStore;
  private readonly inFlight = new Set<Promise<void>>();
  private server?: Server;
  private started = false;

  constructor(private readonly config: SlackConfig, private readonly assistant: TurnHandler, logger: Logger, private readonly opts: SlackAdapterOptions = {}) {
    this.log = logger.child('slack');
    this.limiter = opts.limiter ?? new RateLimiter();
    this.claims = opts.store ?? memoryStore();
    this.app = new App({
      token: config.botToken,
      ...(config.mode === 'http' ? { signingSecret: config.signingSecret, port: config.port } : { socketMode: true, appToken: config.appToken }),
      logger: boltLogger(this.log.child('bolt')),
      // Bolt's default retries last half an hour; a chat answer that late is useless.
      clientOptions: { slackApiUrl: opts.apiUrl, retryConfig: { retries: 2 }, timeout: 10_000 },
      convoStore: false,
      // auth.test runs in start(), where a bad token can be reported as a configuration error.
      deferInitialization: true,
    });
    this.app.error(async (error) => this.log.error('bolt error', { code: error.code, error }));
    this.app.use(async ({ body, context, next }) => {
      // Slack retries an event it thinks went unanswered; each event_id is handled once,
      // by one instance only when several share a Redis store.
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string' && !(await this.claims.claim('slack-events', eventId, 60 * 60_000))) {
        return void this.log.debug('duplicate event skipped', { eventId, retryNum: context.retryNum });
      }
      await this.track(next());
    });
    this.listen();
  }

  /** The HTTP port actually bound (useful with port 0), once started in HTTP mode. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async start(): Promise<void> {
    try {
      await this.app.init();
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && AUTH_ERRORS.has(code)) throw new ConfigError('SLACK_BOT_TOKEN', `jeton refusé par Slack (${code}) : copiez à nouveau le « Bot User OAuth Token » depuis api.slack.com/apps → votre app → OAuth & Permissions.`);
      throw err;
    }
    if (this.config.mode === 'http') {
      this.server = (await this.app.start({ port: this.config.port, host: this.opts.host })) as Server;
      this.log.info('listening for Slack events', { port: this.port, path: '/slack/events' });
    } else {
      await this.app.start();
      this.log.info('connected to Slack (Socket Mode)');
    }
    this.started = true;
  }

  /** Waits for the answers being written, then closes the receiver. */
  async stop(): Promise<void> {
    await this.settled();
    if (!this.started) return;
    this.started = false;
    await this.app.stop();
  }

  /** Resolves once every event received so far has been handled. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private listen(): void {
    this.app.event('message', async ({ event, context, client }) => {
      const turn = fromDirectMessage(event as SlackMessageEvent, { team: context.teamId, botUserId: context.botUserId });
      if (turn) await this.turn(turn, this.post(client, turn.where));
    });

    this.app.event('app_mention', async ({ event, context, client }) => {
      const turn = fromMention(event as SlackMessageEvent, { team: context.teamId, botUserId: context.botUserId });
      if (turn) await this.turn(turn, this.post(client, turn.where));
    });

    this.app.command(COMMAND, async ({ command, ack, respond }) => {
      // Slack wants the ack within 3 s; the answer follows through the response_url.
      await ack();
      await this.turn(fromCommand(command), this.respond(respond));
    });

    this.app.action(CHOICE_ACTION, async ({ ack, body, action, client, respond }) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button') return;
      const turn = fromChoiceClick(body as SlackBlockActions, action.value);
      if (!turn) return;
      await this.turn(turn, turn.ephemeral && respond ? this.respond(respond) : this.post(client, turn.where));
    });
  }

  /** One core turn: rate limit, ask the assistant, deliver each message. Logs carry ids, never text. */
  private async turn({ message, where }: SlackTurn, deliver: Deliver): Promise<void> {
    const ids = { team: message.workspace, user: message.user, channel: where.channel };
    const verdict = this.limiter.check(`${message.workspace}:${message.user}`);
    if (verdict === 'notice') {
      this.log.warn('rate limited', ids);
      return deliver(plainPayload(RATE_LIMIT_NOTICE));
    }
    if (verdict === 'drop') return void this.log.debug('rate limited, dropped', ids);
    let result: TurnResult;
    try {
      result = await this.assistant.handle(message);
    } catch (err) {
      this.log.error('turn failed', { ...ids, err: err as Error });
      await deliver(plainPayload(SLACK_TEXTS.internalError));
      return;
    }
    this.log.debug('answered', { ...ids, intent: result.intent, topic: result.topic });
    for (const m of result.messages) await deliver(toSlackPayload(m));
  }

  private post(client: webApi.WebClient, where: ReplyTarget): Deliver {
    return async ({ text, blocks }) => {
      await client.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, text, blocks, mrkdwn: true, unfurl_links: false, unfurl_media: false });
    };
  }

  private respond(respond: RespondFn): Deliver {
    return async ({ text, blocks }) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text, blocks, mrkdwn: true, unfurl_links: false, unfurl_media: false });
    };
  }

  private async track(run: Promise<void>): Promise<void> {
    this.inFlight.add(run);
    try {
      await run;
    } finally {
      this.inFlight.delete(run);
    }
  }
}

/** Bolt's logger over ours. Bolt's debug lines can quote payloads (people's words), so they are dropped. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ');
  return {
    debug: () => {},
    info: (...m: unknown[]) => log.info(line(m)),
    warn: (...m: unknown[]) => log.warn(line(m)),
    error: (...m: unknown[]) => log.error(line(m)),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}

/** The Slack platform for `npm start`. */
export const slack: PlatformModule<SlackConfig> = {
  name: 'slack',
  fromEnv: slackConfigFromEnv,
  create: (config, assistant, logger, deps) => new SlackAdapter(config, assistant, logger, { store: deps.store }),
};
