import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import { InboundPipeline } from '../pipeline.js';
import type { PlatformModule } from '../platform.js';
import { slackConfigFromEnv, type SlackConfig } from './config.js';
import { toInbound, type SlackBlockActions, type SlackMessageEvent, type SlackRaw, type SlackReply } from './map.js';
import { CHOICE_ACTION_PREFIX, renderSlack, type SlackPayload } from './render.js';
import { SLACK_TEXTS } from './texts.js';
import { SlackTransport } from './transport.js';
import {
  adapterHealth,
  ConfigError,
  type RateLimiter,
  memoryStore,
  type Adapter,
  type Address,
  type Logger,
  type OutgoingMessage,
  type SendResult,
  type StateStore,
  type TurnHandler,
} from '../../src/index.js';

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

const COMMAND = '/rupn';
const CHOICE_ACTION = new RegExp(`^${CHOICE_ACTION_PREFIX}`);
/** Slack answers these when the bot token itself is wrong: a configuration error, not a crash. */
const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);
const TIMEOUT_MS = 10_000;

/** The Slack front end: DMs, mentions (answered in thread), `/rupn`, and choice buttons, over Bolt. */
export class SlackAdapter implements Adapter {
  readonly name = 'slack';
  private readonly app: App;
  private readonly transport: SlackTransport;
  private readonly pipeline: InboundPipeline<SlackRaw, SlackReply, SlackPayload>;
  private server?: Server;
  private started = false;

  constructor(
    private readonly config: SlackConfig,
    assistant: TurnHandler,
    private readonly log: Logger,
    private readonly opts: SlackAdapterOptions = {},
  ) {
    this.app = new App({
      token: config.botToken,
      ...(config.mode === 'http'
        ? { signingSecret: config.signingSecret, port: config.port }
        : { socketMode: true, appToken: config.appToken }),
      logger: boltLogger(log),
      // Bolt's default retries last half an hour; a chat answer that late is useless.
      clientOptions: { slackApiUrl: opts.apiUrl, retryConfig: { retries: 2 }, timeout: TIMEOUT_MS },
      convoStore: false,
      // auth.test runs in start(), where a bad token can be reported as a configuration error.
      deferInitialization: true,
    });
    this.app.error(async (error) => {
      adapterHealth.error('slack', error);
      this.log.error('slack.bolt_error', { code: error.code, err: error });
    });
    // Sending on its own initiative: no retry and no waiting here, the caller is told when to try again.
    const outbound = new webApi.WebClient(config.botToken, {
      slackApiUrl: opts.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      timeout: TIMEOUT_MS,
      logger: boltLogger(log),
    });
    this.transport = new SlackTransport(this.app.client, outbound);
    this.pipeline = new InboundPipeline(
      { name: 'slack', map: toInbound, render: renderSlack, transport: this.transport },
      { assistant, store: opts.store ?? memoryStore(), logger: log, limiter: opts.limiter },
    );
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
      if (code && AUTH_ERRORS.has(code)) throw new ConfigError('SLACK_BOT_TOKEN', SLACK_TEXTS.tokenRefused(code));
      throw err;
    }
    if (this.config.mode === 'http') {
      this.server = (await this.app.start({ port: this.config.port, host: this.opts.host })) as Server;
      this.log.info('slack.listening', { port: this.port, path: '/slack/events' });
    } else {
      await this.app.start();
      this.log.info('slack.connected', { mode: 'socket' });
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
  settled(): Promise<void> {
    return this.pipeline.settled();
  }

  /** A DM to a person, a post in a channel (or its thread); rate limits come back as `retry`. */
  send(address: Address, message: OutgoingMessage): Promise<SendResult> {
    return this.transport.send(address, renderSlack(message));
  }

  private listen(): void {
    const ctxOf = (context: { teamId?: string; botUserId?: string }) => ({ team: context.teamId, botUserId: context.botUserId });
    this.app.event('message', ({ event, body, context }) =>
      this.pipeline.receive({ kind: 'message', event: event as SlackMessageEvent, eventId: body.event_id, ctx: ctxOf(context) }),
    );
    this.app.event('app_mention', ({ event, body, context }) =>
      this.pipeline.receive({ kind: 'mention', event: event as SlackMessageEvent, eventId: body.event_id, ctx: ctxOf(context) }),
    );
    this.app.command(COMMAND, async ({ command, ack, respond }) => {
      // Slack wants the ack within 3 s; the answer follows through the response_url.
      await ack();
      await this.pipeline.receive({ kind: 'command', command, respond });
    });
    this.app.action(CHOICE_ACTION, async ({ ack, body, action, respond }) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button') return;
      await this.pipeline.receive({ kind: 'click', body: body as SlackBlockActions, value: action.value, respond });
    });
  }
}

/** Bolt's logger over ours. Bolt's debug lines can quote payloads (people's words), so they are dropped. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const detail = (parts: unknown[]) => ({ detail: parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ') });
  return {
    debug: () => {},
    info: (...m: unknown[]) => log.info('slack.sdk', detail(m)),
    warn: (...m: unknown[]) => log.warn('slack.sdk', detail(m)),
    error: (...m: unknown[]) => log.error('slack.sdk', detail(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
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
