/**
 * A tiny local Discord for adapter tests: a REST server (node:http) that hands
 * out the gateway URL and records what the bot sends, and a gateway (ws) that
 * says HELLO, accepts IDENTIFY, sends READY and GUILD_CREATE, answers
 * heartbeats, and dispatches the events a test asks for. Loopback only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const BOT_ID = '900000000000000001';
export const APP_ID = '900000000000000002';
export const GUILD_ID = '900000000000000003';
export const GUILD_CHANNEL_ID = '900000000000000004';
export const THREAD_ID = '900000000000000005';
export const TOKEN = 'ZmFrZS1ib3Q.fake.tokenForTestsOnly';

export interface RecordedRequest {
  method: string;
  /** Without the `/api/v10` prefix and the query string. */
  path: string;
  query: URLSearchParams;
  body: SentBody;
}

/** The parts of a request body the tests look at. */
export interface SentBody {
  content?: string;
  allowed_mentions?: { parse?: string[]; replied_user?: boolean };
  components?: { components: { custom_id: string; label: string }[] }[];
  message_reference?: { message_id: string };
  /** Interaction callbacks: 5 deferred reply, 6 deferred update. */
  type?: number;
  data?: SentBody;
  [key: string]: unknown;
}

const ISO = '2025-01-01T00:00:00.000Z';
const botUser = { id: BOT_ID, username: 'rupn', discriminator: '0', global_name: 'RUPN', avatar: null, bot: true };
export const user = (id: string, bot = false) => ({
  id,
  username: `user${id.slice(-4)}`,
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot,
});

let nextId = 910000000000000000n;
/** A fresh snowflake. */
export const snowflake = () => String(nextId++);

/** A message object as Discord sends it in MESSAGE_CREATE and returns from REST. */
export function messagePayload(m: {
  channelId: string;
  author: object;
  content: string;
  guildId?: string;
  mentions?: object[];
  id?: string;
  components?: unknown[];
}) {
  return {
    id: m.id ?? snowflake(),
    channel_id: m.channelId,
    ...(m.guildId
      ? { guild_id: m.guildId, member: { roles: [], joined_at: ISO, deaf: false, mute: false, flags: 0 } }
      : { channel_type: 1 }),
    author: m.author,
    content: m.content,
    timestamp: ISO,
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@everyone|@here/.test(m.content),
    mentions: m.mentions ?? [],
    mention_roles: [...m.content.matchAll(/<@&(\d+)>/g)].map((x) => x[1]),
    attachments: [],
    embeds: [],
    components: m.components ?? [],
    pinned: false,
    type: 0,
  };
}

const guildCreate = {
  id: GUILD_ID,
  name: 'Collège de test',
  unavailable: false,
  owner_id: '1',
  icon: null,
  features: [],
  roles: [
    {
      id: GUILD_ID,
      name: '@everyone',
      permissions: '0',
      position: 0,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
    },
  ],
  emojis: [],
  stickers: [],
  members: [],
  member_count: 2,
  joined_at: ISO,
  large: false,
  voice_states: [],
  presences: [],
  stage_instances: [],
  guild_scheduled_events: [],
  soundboard_sounds: [],
  channels: [{ id: GUILD_CHANNEL_ID, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: GUILD_ID }],
  threads: [
    {
      id: THREAD_ID,
      type: 11,
      name: 'questions',
      guild_id: GUILD_ID,
      parent_id: GUILD_CHANNEL_ID,
      owner_id: '1',
      message_count: 0,
      member_count: 1,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: ISO, locked: false },
    },
  ],
};

/** How the fake answers a post to a channel it was told to refuse. */
export type Failure = { status: number; code: number; message: string } | { retryAfter: number };

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  identify?: { token: string; intents: number };
  /** The DM channel the fake opened for each user (POST /users/@me/channels). */
  readonly dmChannels = new Map<string, string>();
  private readonly failures = new Map<string, Failure>();
  private socket?: WebSocket;
  private seq = 1;
  private waiters: { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];

  private constructor(
    private readonly rest: http.Server,
    private readonly gateway: WebSocketServer,
  ) {}

  /** Starts both servers on free loopback ports. */
  static async start(): Promise<FakeDiscord> {
    const gateway = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => gateway.once('listening', resolve));
    const rest = http.createServer();
    const fake = new FakeDiscord(rest, gateway);
    rest.on('request', (req, res) => void fake.onRequest(req, res));
    gateway.on('connection', (ws) => fake.onConnection(ws));
    await new Promise<void>((resolve) => rest.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The base URL to give discord.js as `rest.api`. */
  get api(): string {
    return `http://127.0.0.1:${(this.rest.address() as AddressInfo).port}/api`;
  }

  private get gatewayUrl(): string {
    return `ws://127.0.0.1:${(this.gateway.address() as AddressInfo).port}`;
  }

  /** Sends a gateway event to every connected bot (two instances of one bot both get it). */
  dispatch(t: string, d: unknown): void {
    if (!this.socket) throw new Error('no bot connected to the fake gateway');
    const packet = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const ws of this.gateway.clients) ws.send(packet);
  }

  /** Makes posts to `channelId` fail: a Discord API error, or a 429 with a Retry-After of `retryAfter` seconds. */
  fail(channelId: string, failure: Failure): void {
    this.failures.set(channelId, failure);
  }

  /** The first recorded request (past or future) that matches, or a rejection after `ms`. */
  waitFor(match: (r: RecordedRequest) => boolean, ms = 5000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (r: RecordedRequest) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`fake Discord: no matching request within ${ms} ms`));
      }, ms);
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    for (const ws of this.gateway.clients) ws.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.rest.closeAllConnections();
    await new Promise<void>((resolve) => this.rest.close(() => resolve()));
  }

  private onConnection(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45000 } }));
    ws.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: { token: string; intents: number } };
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (payload.op !== 2) return;
      this.identify = { token: payload.d.token, intents: payload.d.intents };
      const ready = {
        v: 10,
        user: botUser,
        guilds: [{ id: GUILD_ID, unavailable: true }],
        session_id: 'fake-session',
        resume_gateway_url: this.gatewayUrl,
        application: { id: APP_ID, flags: 0 },
        shard: [0, 1],
      };
      ws.send(JSON.stringify({ op: 0, t: 'READY', s: 1, d: ready }));
      ws.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: ++this.seq, d: guildCreate }));
    });
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      body: raw ? (JSON.parse(raw) as SentBody) : {},
    };
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (record.method === 'GET' && path === '/gateway/bot') {
      return send(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    this.requests.push(record);
    for (const w of this.waiters.filter((x) => x.match(record))) {
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve(record);
    }
    const channel = /^\/channels\/(\d+)\/messages$/.exec(path)?.[1];
    const webhook = /^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.test(path);
    if (record.method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) return send(204);
    if (record.method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return send(
        200,
        (record.body as unknown as object[]).map((c) => ({ ...c, id: snowflake(), application_id: APP_ID, version: '1' })),
      );
    }
    if (record.method === 'POST' && path === '/users/@me/channels') {
      const recipient = String(record.body.recipient_id);
      if (!this.dmChannels.has(recipient)) this.dmChannels.set(recipient, snowflake());
      return send(200, dmChannel(this.dmChannels.get(recipient)!, user(recipient)));
    }
    const failure = channel ? this.failures.get(channel) : undefined;
    if (record.method === 'POST' && failure) {
      if ('status' in failure) return send(failure.status, { message: failure.message, code: failure.code });
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfter), 'x-ratelimit-scope': 'user' });
      return void res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: failure.retryAfter, global: false }));
    }
    if ((record.method === 'POST' && channel) || webhook) {
      const { content, components } = record.body;
      return send(200, messagePayload({ channelId: channel ?? GUILD_CHANNEL_ID, author: botUser, content: content ?? '', components }));
    }
    send(404, { message: 'Unknown route in fake Discord', code: 0 });
  }
}

/** A DM channel as interactions carry it. */
export const dmChannel = (id: string, who: object) => ({ id, type: 1, recipients: [who], last_message_id: null, flags: 0 });

/** INTERACTION_CREATE for `/rupn question:<text>` in a DM. */
export function commandInteraction(channelId: string, who: object, question: string) {
  return {
    ...interactionBase(channelId, who),
    type: 2,
    data: { id: snowflake(), name: 'rupn', type: 1, options: [{ name: 'question', type: 3, value: question }] },
  };
}

/** INTERACTION_CREATE for a click on the button `customId` of `message`, in a DM. */
export function buttonInteraction(channelId: string, who: object, customId: string, message: object) {
  return { ...interactionBase(channelId, who), type: 3, data: { custom_id: customId, component_type: 2 }, message };
}

function interactionBase(channelId: string, who: object) {
  const id = snowflake();
  return {
    id,
    application_id: APP_ID,
    token: `interaction-token-${id}`,
    version: 1,
    channel_id: channelId,
    channel: dmChannel(channelId, who),
    user: who,
    locale: 'fr',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '0': BOT_ID },
    context: 1,
  };
}
