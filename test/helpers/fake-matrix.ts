import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny Matrix homeserver on loopback: just what matrix-js-sdk calls to log in,
 * sync, join, leave and send. Tests push invites and messages into the next
 * /sync response, read back what the bot sent, and wait on what the fake sees
 * (`until`, `synced`) rather than on the clock.
 */

type Json = Record<string, unknown>;
interface RawEvent { type: string; sender: string; content: Json; event_id: string; origin_server_ts: number; state_key?: string; unsigned?: Json }
interface FakeRoom { id: string; creator: string; members: Map<string, string>; encrypted: boolean }
interface JoinChunk { state: RawEvent[]; timeline: RawEvent[] }
export interface SentEvent { roomId: string; type: string; content: Json; eventId: string }
/** How the fake answers a send to a room it was told to refuse. */
export type SendFailure = { status: number; errcode: string; retryAfterMs?: number };

export interface FakeHomeserverOptions {
  botUserId: string;
  /** The password /login accepts for the bot. */
  password?: string;
  /** Access tokens accepted from the start (a token given in the environment). */
  tokens?: string[];
  displayName?: string;
}

export class FakeHomeserver {
  loginCalls = 0;
  readonly sent: SentEvent[] = [];
  readonly joins: string[] = [];
  readonly leaves: string[] = [];
  /** Paths the fake does not implement: handy while developing. */
  readonly unknown: string[] = [];
  private readonly tokens: Set<string>;
  private readonly rooms = new Map<string, FakeRoom>();
  private pendingJoin = new Map<string, JoinChunk>();
  private pendingInvite = new Map<string, RawEvent[]>();
  private pendingLeave = new Map<string, RawEvent[]>();
  private wake: Array<() => void> = [];
  private listeners = new Set<() => void>();
  private readonly failures = new Map<string, SendFailure>();
  private batch = 0;
  /** The newest batch the client has asked to sync from: it has processed every response up to it. */
  private processed = 0;
  private seq = 0;
  private server?: http.Server;

  constructor(private readonly opts: FakeHomeserverOptions) {
    this.tokens = new Set(opts.tokens ?? []);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async listen(): Promise<this> {
    this.server = http.createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    this.kick(); // release the long-polls
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** `from` invites the bot to a new room, with `others` already joined. */
  invite(roomId: string, from: string, opts: { encrypted?: boolean; others?: string[] } = {}): void {
    const room: FakeRoom = { id: roomId, creator: from, members: new Map([[from, 'join']]), encrypted: Boolean(opts.encrypted) };
    for (const o of opts.others ?? []) room.members.set(o, 'join');
    room.members.set(this.opts.botUserId, 'invite');
    this.rooms.set(roomId, room);
    const member = this.event('m.room.member', from, { membership: 'invite', is_direct: !opts.others?.length }, this.opts.botUserId);
    this.pendingInvite.set(roomId, [...this.stateOf(room).filter((e) => e.state_key !== this.opts.botUserId), member]);
    this.kick();
  }

  /** A timeline event from `sender`; returns its event id. */
  push(roomId: string, sender: string, type: string, content: Json): string {
    const ev = this.event(type, sender, content);
    this.chunk(roomId).timeline.push(ev);
    this.kick();
    return ev.event_id;
  }

  message(roomId: string, sender: string, body: string, extra: Json = {}): string {
    return this.push(roomId, sender, 'm.room.message', { msgtype: 'm.text', body, ...extra });
  }

  isJoined(roomId: string): boolean {
    return this.rooms.get(roomId)?.members.get(this.opts.botUserId) === 'join';
  }

  /** Makes sends to `roomId` fail with this Matrix error (403 M_FORBIDDEN, 429 M_LIMIT_EXCEEDED with `retryAfterMs`…). */
  failSends(roomId: string, failure: SendFailure): void {
    this.failures.set(roomId, failure);
  }

  /** Resolves once `cond()` holds, checked after each request the fake serves; rejects after `ms`. */
  until(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = () => {
        if (!cond()) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`fake homeserver: ${what} not met within ${ms} ms; sent: ${JSON.stringify(this.sent.map((e) => [e.roomId, e.content.body]))}`));
      }, ms);
      this.listeners.add(listener);
    });
  }

  /** Resolves with the first sent event (from index `from`) that matches, or rejects after `ms`. */
  async waitForSent(match: (e: SentEvent) => boolean, from = 0, ms = 5000): Promise<SentEvent> {
    return (await this.waitForSentCount(match, 1, from, ms))[0];
  }

  /** Resolves with the first `count` sent events (from index `from`) that match. */
  async waitForSentCount(match: (e: SentEvent) => boolean, count: number, from = 0, ms = 5000): Promise<SentEvent[]> {
    const hits = () => this.sent.slice(from).filter(match);
    await this.until(() => hits().length >= count, ms, `${count} matching sent event(s)`);
    return hits().slice(0, count);
  }

  /**
   * Resolves once the client has read everything pushed so far: it asks for
   * the /sync after the one that carried it, which the SDK does only once it
   * has processed (and emitted) every event of that response.
   */
  synced(ms = 5000): Promise<void> {
    const pending = this.pendingJoin.size + this.pendingInvite.size + this.pendingLeave.size > 0;
    const target = pending ? this.batch + 1 : this.batch;
    return this.until(() => this.processed >= target, ms, `client synced past batch ${target}`);
  }

  private changed(): void {
    for (const f of [...this.listeners]) f();
  }

  private event(type: string, sender: string, content: Json, stateKey?: string): RawEvent {
    const ev: RawEvent = { type, sender, content, event_id: `$ev${++this.seq}:fake`, origin_server_ts: Date.now(), unsigned: {} };
    if (stateKey !== undefined) ev.state_key = stateKey;
    return ev;
  }

  private stateOf(room: FakeRoom): RawEvent[] {
    const state = [this.event('m.room.create', room.creator, { creator: room.creator }, '')];
    for (const [user, membership] of room.members) state.push(this.event('m.room.member', user, { membership }, user));
    if (room.encrypted) state.push(this.event('m.room.encryption', room.creator, { algorithm: 'm.megolm.v1.aes-sha2' }, ''));
    return state;
  }

  private chunk(roomId: string): JoinChunk {
    let c = this.pendingJoin.get(roomId);
    if (!c) this.pendingJoin.set(roomId, (c = { state: [], timeline: [] }));
    return c;
  }

  private kick(): void {
    const w = this.wake;
    this.wake = [];
    for (const f of w) f();
  }

  private joined(roomId: string): string | undefined {
    const room = this.rooms.get(roomId);
    if (!room) return undefined;
    room.members.set(this.opts.botUserId, 'join');
    this.joins.push(roomId);
    this.pendingInvite.delete(roomId);
    const c = this.chunk(roomId);
    c.state.push(...this.stateOf(room).filter((e) => e.state_key !== this.opts.botUserId));
    c.timeline.push(this.event('m.room.member', this.opts.botUserId, { membership: 'join' }, this.opts.botUserId));
    this.kick();
    return roomId;
  }

  private joinedCount(roomId: string): number {
    return [...(this.rooms.get(roomId)?.members.values() ?? [])].filter((m) => m === 'join').length;
  }

  /** Undefined when the client went away while waiting: its share of events stays for the next /sync. */
  private async sync(url: URL, gone: () => boolean): Promise<Json | undefined> {
    if (!url.searchParams.get('since')) {
      // An initial sync: a snapshot of the rooms, no old messages.
      this.pendingJoin.clear();
      this.pendingLeave.clear();
      for (const room of this.rooms.values()) {
        const mine = room.members.get(this.opts.botUserId);
        if (mine === 'join') this.pendingJoin.set(room.id, { state: this.stateOf(room), timeline: [] });
        if (mine === 'invite') this.pendingInvite.set(room.id, this.stateOf(room));
      }
    } else if (!this.pendingJoin.size && !this.pendingInvite.size && !this.pendingLeave.size) {
      const wait = Math.min(Number(url.searchParams.get('timeout') ?? 0), 500);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake.push(() => (clearTimeout(t), resolve()));
      });
      if (gone()) return undefined;
    }
    const join: Json = {};
    for (const [id, c] of this.pendingJoin) {
      join[id] = {
        summary: { 'm.joined_member_count': this.joinedCount(id), 'm.invited_member_count': 0 },
        state: { events: c.state },
        timeline: { events: c.timeline, limited: false, prev_batch: `p${this.batch}` },
        ephemeral: { events: [] },
        account_data: { events: [] },
        unread_notifications: {},
      };
    }
    const invite: Json = {};
    for (const [id, events] of this.pendingInvite) invite[id] = { invite_state: { events } };
    const leave: Json = {};
    for (const [id, events] of this.pendingLeave) leave[id] = { state: { events: [] }, timeline: { events } };
    this.pendingJoin = new Map();
    this.pendingLeave = new Map();
    this.pendingInvite = new Map();
    return { next_batch: `s${++this.batch}`, rooms: { join, invite, leave }, presence: { events: [] }, account_data: { events: [] }, to_device: { events: [] } };
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const body = await readBody(req);
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
      this.changed();
    };
    const p = decodeURIComponent(url.pathname).replace(/^\/_matrix\/client\/(v3|r0|v1)/, '');
    const m = req.method ?? 'GET';
    // Every version up to 1.11, as Synapse lists them: the SDK checks for `v1.4` itself to use stable threads.
    if (p === '/_matrix/client/versions') return send(200, { versions: Array.from({ length: 11 }, (_, i) => `v1.${i + 1}`), unstable_features: {} });
    if (p === '/login' && m === 'GET') return send(200, { flows: [{ type: 'm.login.password' }] });
    if (p === '/login' && m === 'POST') {
      this.loginCalls++;
      if (!this.opts.password || body.password !== this.opts.password) return send(403, { errcode: 'M_FORBIDDEN', error: 'Invalid password' });
      const token = `tok-${this.loginCalls}-${Math.random().toString(36).slice(2)}`;
      this.tokens.add(token);
      return send(200, { access_token: token, device_id: `DEV${this.loginCalls}`, user_id: this.opts.botUserId });
    }
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!auth || !this.tokens.has(auth)) return send(401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Unknown token' });
    if (p === '/account/whoami') return send(200, { user_id: this.opts.botUserId, device_id: 'DEV' });
    if (p.startsWith('/pushrules')) return send(200, { global: { override: [], content: [], room: [], sender: [], underride: [] } });
    if (/^\/user\/[^/]+\/filter$/.test(p) && m === 'POST') return send(200, { filter_id: 'f1' });
    if (/^\/user\/[^/]+\/filter\/[^/]+$/.test(p)) return send(200, {});
    if (p === '/capabilities') return send(200, { capabilities: {} });
    if (p.startsWith('/profile/')) return send(200, { displayname: this.opts.displayName ?? 'Assistant RUPN' });
    if (p === '/sync') {
      this.processed = Math.max(this.processed, Number((url.searchParams.get('since') ?? 's0').slice(1)) || 0);
      this.changed();
      let closed = false;
      res.once('close', () => (closed = true));
      const result = await this.sync(url, () => closed);
      return result ? send(200, result) : undefined;
    }
    let r = /^\/(?:join|rooms)\/([^/]+)(?:\/join)?$/.exec(p);
    if (r && m === 'POST') {
      const id = this.joined(r[1]);
      return id ? send(200, { room_id: id }) : send(404, { errcode: 'M_NOT_FOUND', error: 'No such room' });
    }
    if ((r = /^\/rooms\/([^/]+)\/leave$/.exec(p)) && m === 'POST') {
      this.leaves.push(r[1]);
      this.rooms.get(r[1])?.members.set(this.opts.botUserId, 'leave');
      this.pendingInvite.delete(r[1]);
      this.pendingLeave.set(r[1], [this.event('m.room.member', this.opts.botUserId, { membership: 'leave' }, this.opts.botUserId)]);
      this.kick();
      return send(200, {});
    }
    if ((r = /^\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(p)) && m === 'PUT') {
      const failure = this.failures.get(r[1]);
      if (failure) {
        const retry = failure.retryAfterMs === undefined ? {} : { retry_after_ms: failure.retryAfterMs };
        return send(failure.status, { errcode: failure.errcode, error: 'Refused by the fake homeserver', ...retry });
      }
      const ev = this.event(r[2], this.opts.botUserId, body);
      ev.unsigned = { transaction_id: r[3] };
      this.sent.push({ roomId: r[1], type: r[2], content: body, eventId: ev.event_id });
      this.chunk(r[1]).timeline.push(ev); // the echo, as a real server sends it back
      this.kick();
      return send(200, { event_id: ev.event_id });
    }
    if (/^\/rooms\/[^/]+\/(typing|receipt|read_markers)/.test(p)) return send(200, {});
    this.unknown.push(`${m} ${url.pathname}`);
    return send(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
  }
}

async function readBody(req: http.IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as Json) : {};
  } catch {
    return {};
  }
}
