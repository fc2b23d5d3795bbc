import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeKeyServer } from './fake-matrix-keys.js';

/**
 * A tiny Matrix homeserver on loopback: just what matrix-js-sdk calls to log in,
 * sync, create, join, invite, leave and send, and what end-to-end encryption
 * needs relayed (keys, to-device messages). Several users may sync: the bot
 * and, for the encryption tests, real clients playing the people. Tests push
 * invites and messages into the next /sync response, read back what was sent,
 * and wait on what the fake sees (`until`, `synced`) rather than on the clock.
 */

type Json = Record<string, unknown>;
interface RawEvent {
  type: string;
  sender: string;
  content: Json;
  event_id: string;
  origin_server_ts: number;
  state_key?: string;
  unsigned?: Json;
}
interface FakeRoom {
  id: string;
  creator: string;
  members: Map<string, string>;
  encrypted: boolean;
  direct: boolean;
}
interface JoinChunk {
  state: RawEvent[];
  timeline: RawEvent[];
}
export interface SentEvent {
  roomId: string;
  type: string;
  content: Json;
  eventId: string;
  sender: string;
}
/** How the fake answers a send to a room it was told to refuse. */
export type SendFailure = { status: number; errcode: string; retryAfterMs?: number };
export interface Account {
  userId: string;
  deviceId: string;
  accessToken: string;
}

/** What the fake has yet to tell one user's client. */
interface Stream {
  join: Map<string, JoinChunk>;
  invite: Map<string, RawEvent[]>;
  leave: Map<string, RawEvent[]>;
  batch: number;
  /** The newest batch the client has asked to sync from: it has processed every response up to it. */
  processed: number;
}

export interface FakeHomeserverOptions {
  botUserId: string;
  /** The password /login accepts for the bot. */
  password?: string;
  /** Access tokens accepted from the start (a token given in the environment), for the bot's device `DEV`. */
  tokens?: string[];
  displayName?: string;
}

export class FakeHomeserver {
  loginCalls = 0;
  /** What the bot sent to rooms. */
  readonly sent: SentEvent[] = [];
  /** What anyone sent to rooms: the tests read it as a server operator could. */
  readonly traffic: SentEvent[] = [];
  readonly joins: string[] = [];
  readonly leaves: string[] = [];
  /** Paths the fake does not implement: handy while developing. */
  readonly unknown: string[] = [];
  readonly keys = new FakeKeyServer(() => [...this.streams.keys()]);
  private readonly accounts = new Map<string, Omit<Account, 'accessToken'>>();
  private readonly rooms = new Map<string, FakeRoom>();
  private readonly streams = new Map<string, Stream>();
  private wake: Array<() => void> = [];
  private listeners = new Set<() => void>();
  private readonly failures = new Map<string, SendFailure>();
  private seq = 0;
  private server?: http.Server;

  constructor(private readonly opts: FakeHomeserverOptions) {
    for (const t of opts.tokens ?? []) this.accounts.set(t, { userId: opts.botUserId, deviceId: 'DEV' });
    this.stream(opts.botUserId);
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

  /** A person with a token for one device, whose client may sync and send like the bot. */
  addUser(userId: string, deviceId = 'PHONE'): Account {
    const accessToken = `tok-${userId}-${++this.seq}`;
    this.accounts.set(accessToken, { userId, deviceId });
    this.stream(userId);
    return { userId, deviceId, accessToken };
  }

  /** `from` invites the bot to a new room, with `others` already joined. */
  invite(roomId: string, from: string, opts: { encrypted?: boolean; others?: string[] } = {}): void {
    const room: FakeRoom = {
      id: roomId,
      creator: from,
      members: new Map([[from, 'join']]),
      encrypted: Boolean(opts.encrypted),
      direct: !opts.others?.length,
    };
    for (const o of opts.others ?? []) room.members.set(o, 'join');
    this.rooms.set(roomId, room);
    for (const user of room.members.keys()) this.streams.get(user)?.join.set(roomId, { state: this.stateOf(room), timeline: [] });
    this.invited(room, from, this.opts.botUserId);
  }

  /** A timeline event from `sender`; returns its event id. */
  push(roomId: string, sender: string, type: string, content: Json): string {
    return this.append(roomId, this.event(type, sender, content)).event_id;
  }

  message(roomId: string, sender: string, body: string, extra: Json = {}): string {
    return this.push(roomId, sender, 'm.room.message', { msgtype: 'm.text', body, ...extra });
  }

  isJoined(roomId: string, user = this.opts.botUserId): boolean {
    return this.rooms.get(roomId)?.members.get(user) === 'join';
  }

  /** Whether this room has encryption turned on. */
  isEncrypted(roomId: string): boolean {
    return Boolean(this.rooms.get(roomId)?.encrypted);
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
        reject(
          new Error(
            `fake homeserver: ${what} not met within ${ms} ms; sent: ${JSON.stringify(this.sent.map((e) => [e.roomId, e.type, e.content.body]))}`,
          ),
        );
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
   * Resolves once `user`'s client has read everything pushed so far: it asks
   * for the /sync after the one that carried it, which the SDK does only once
   * it has processed (and emitted) every event of that response.
   */
  synced(ms = 5000, user = this.opts.botUserId): Promise<void> {
    const s = this.stream(user);
    const target = s.join.size + s.invite.size + s.leave.size > 0 ? s.batch + 1 : s.batch;
    return this.until(() => s.processed >= target, ms, `${user} synced past batch ${target}`);
  }

  private stream(user: string): Stream {
    let s = this.streams.get(user);
    if (!s) {
      s = { join: new Map(), invite: new Map(), leave: new Map(), batch: 0, processed: 0 };
      this.streams.set(user, s);
    }
    return s;
  }

  private changed(): void {
    for (const f of [...this.listeners]) f();
  }

  private event(type: string, sender: string, content: Json, stateKey?: string): RawEvent {
    const ev: RawEvent = { type, sender, content, event_id: `$ev${++this.seq}:fake`, origin_server_ts: Date.now(), unsigned: {} };
    if (stateKey !== undefined) ev.state_key = stateKey;
    return ev;
  }

  private memberEvent(room: FakeRoom, user: string, membership: string, sender = user): RawEvent {
    const content: Json = membership === 'invite' ? { membership, is_direct: room.direct } : { membership };
    return this.event('m.room.member', sender, content, user);
  }

  private stateOf(room: FakeRoom): RawEvent[] {
    const state = [this.event('m.room.create', room.creator, { creator: room.creator }, '')];
    for (const [user, membership] of room.members)
      state.push(this.memberEvent(room, user, membership, membership === 'invite' ? room.creator : user));
    if (room.encrypted) state.push(this.event('m.room.encryption', room.creator, { algorithm: 'm.megolm.v1.aes-sha2' }, ''));
    return state;
  }

  private chunk(user: string, roomId: string): JoinChunk {
    const s = this.stream(user);
    let c = s.join.get(roomId);
    if (!c) {
      c = { state: [], timeline: [] };
      s.join.set(roomId, c);
    }
    return c;
  }

  /** Adds an event to a room's timeline, for every joined client; only the sender's copy carries its transaction id. */
  private append(roomId: string, ev: RawEvent, txn?: string): RawEvent {
    const room = this.rooms.get(roomId);
    const readers = room ? [...room.members].filter(([, m]) => m === 'join').map(([u]) => u) : [this.opts.botUserId];
    for (const user of readers) {
      if (!this.streams.has(user)) continue;
      const own = txn && user === ev.sender;
      this.chunk(user, roomId).timeline.push(own ? { ...ev, unsigned: { transaction_id: txn } } : ev);
    }
    this.kick();
    return ev;
  }

  private invited(room: FakeRoom, by: string, user: string): void {
    room.members.set(user, 'invite');
    const member = this.memberEvent(room, user, 'invite', by);
    this.append(room.id, member);
    this.stream(user).invite.set(room.id, [...this.stateOf(room).filter((e) => e.state_key !== user), member]);
    this.kick();
  }

  private kick(): void {
    const w = this.wake;
    this.wake = [];
    for (const f of w) f();
  }

  private joined(roomId: string, user: string): string | undefined {
    const room = this.rooms.get(roomId);
    if (!room) return undefined;
    room.members.set(user, 'join');
    if (user === this.opts.botUserId) this.joins.push(roomId);
    const s = this.stream(user);
    s.invite.delete(roomId);
    this.chunk(user, roomId).state.push(...this.stateOf(room).filter((e) => e.state_key !== user));
    this.append(roomId, this.memberEvent(room, user, 'join'));
    return roomId;
  }

  private left(roomId: string, user: string): void {
    const room = this.rooms.get(roomId);
    if (user === this.opts.botUserId) this.leaves.push(roomId);
    const ev = this.event('m.room.member', user, { membership: 'leave' }, user);
    if (room) this.append(roomId, ev);
    room?.members.set(user, 'leave');
    const s = this.stream(user);
    s.invite.delete(roomId);
    s.join.delete(roomId);
    s.leave.set(roomId, [ev]);
    this.kick();
  }

  private createRoom(user: string, body: Json): string {
    const id = `!salon${++this.seq}:fake`;
    const invitees = ((body.invite as string[]) ?? []).filter((u) => u !== user);
    const encrypted = ((body.initial_state as RawEvent[]) ?? []).some((e) => e.type === 'm.room.encryption');
    const room: FakeRoom = { id, creator: user, members: new Map([[user, 'join']]), encrypted, direct: Boolean(body.is_direct) };
    this.rooms.set(id, room);
    this.chunk(user, id).state.push(...this.stateOf(room));
    for (const u of invitees) this.invited(room, user, u);
    return id;
  }

  private joinedCount(roomId: string): number {
    return [...(this.rooms.get(roomId)?.members.values() ?? [])].filter((m) => m === 'join').length;
  }

  /** Undefined when the client went away while waiting: its share of events stays for the next /sync. */
  private async sync(url: URL, who: Omit<Account, 'accessToken'>, gone: () => boolean): Promise<Json | undefined> {
    const s = this.stream(who.userId);
    const pending = () => s.join.size + s.invite.size + s.leave.size > 0 || this.keys.hasNews(who.userId, who.deviceId);
    if (!url.searchParams.get('since')) {
      // An initial sync: a snapshot of the rooms, no old messages.
      s.join.clear();
      s.leave.clear();
      for (const room of this.rooms.values()) {
        const mine = room.members.get(who.userId);
        if (mine === 'join') s.join.set(room.id, { state: this.stateOf(room), timeline: [] });
        if (mine === 'invite') s.invite.set(room.id, this.stateOf(room));
      }
    } else if (!pending()) {
      const wait = Math.min(Number(url.searchParams.get('timeout') ?? 0), 500);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
      if (gone()) return undefined;
    }
    const join: Json = {};
    for (const [id, c] of s.join) {
      join[id] = {
        summary: { 'm.joined_member_count': this.joinedCount(id), 'm.invited_member_count': 0 },
        state: { events: c.state },
        timeline: { events: c.timeline, limited: false, prev_batch: `p${s.batch}` },
        ephemeral: { events: [] },
        account_data: { events: [] },
        unread_notifications: {},
      };
    }
    const invite: Json = {};
    for (const [id, events] of s.invite) invite[id] = { invite_state: { events } };
    const leave: Json = {};
    for (const [id, events] of s.leave) leave[id] = { state: { events: [] }, timeline: { events } };
    s.join = new Map();
    s.leave = new Map();
    s.invite = new Map();
    const e2ee = this.keys.syncPart(who.userId, who.deviceId);
    return { next_batch: `s${++s.batch}`, rooms: { join, invite, leave }, presence: { events: [] }, account_data: { events: [] }, ...e2ee };
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
    if (p === '/_matrix/client/versions')
      return send(200, { versions: Array.from({ length: 11 }, (_, i) => `v1.${i + 1}`), unstable_features: {} });
    if (p === '/login' && m === 'GET') return send(200, { flows: [{ type: 'm.login.password' }] });
    if (p === '/login' && m === 'POST') {
      this.loginCalls++;
      if (!this.opts.password || body.password !== this.opts.password)
        return send(403, { errcode: 'M_FORBIDDEN', error: 'Invalid password' });
      const token = `tok-${this.loginCalls}-${Math.random().toString(36).slice(2)}`;
      this.accounts.set(token, { userId: this.opts.botUserId, deviceId: `DEV${this.loginCalls}` });
      return send(200, { access_token: token, device_id: `DEV${this.loginCalls}`, user_id: this.opts.botUserId });
    }
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const who = auth ? this.accounts.get(auth) : undefined;
    if (!who) return send(401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Unknown token' });
    const me = who.userId;
    if (p === '/logout' && m === 'POST') {
      this.accounts.delete(auth!);
      this.keys.removeDevice(me, who.deviceId);
      this.kick();
      return send(200, {});
    }
    if (p === '/account/whoami') return send(200, { user_id: me, device_id: who.deviceId });
    if (p.startsWith('/pushrules')) return send(200, { global: { override: [], content: [], room: [], sender: [], underride: [] } });
    if (/^\/user\/[^/]+\/filter$/.test(p) && m === 'POST') return send(200, { filter_id: 'f1' });
    if (/^\/user\/[^/]+\/filter\/[^/]+$/.test(p)) return send(200, {});
    if (/^\/user\/[^/]+\/account_data\//.test(p) && m === 'PUT') return send(200, {});
    if (p === '/capabilities') return send(200, { capabilities: {} });
    if (p.startsWith('/profile/')) return send(200, { displayname: this.opts.displayName ?? 'Assistant RUPN' });
    if (p === '/room_keys/version') return send(404, { errcode: 'M_NOT_FOUND', error: 'No current backup version' });
    if (p === '/keys/upload') {
      const counts = this.keys.upload(me, who.deviceId, body);
      this.kick(); // the others hear of a new device at once
      return send(200, counts);
    }
    if (p === '/keys/query') return send(200, this.keys.query(body));
    if (p === '/keys/claim') return send(200, this.keys.claim(body));
    let r = /^\/sendToDevice\/([^/]+)\/[^/]+$/.exec(p);
    if (r && m === 'PUT') {
      this.keys.sendToDevice(me, r[1], body);
      this.kick();
      return send(200, {});
    }
    if (p === '/sync') {
      const s = this.stream(me);
      s.processed = Math.max(s.processed, Number((url.searchParams.get('since') ?? 's0').slice(1)) || 0);
      this.changed();
      let closed = false;
      res.once('close', () => (closed = true));
      const result = await this.sync(url, who, () => closed);
      return result ? send(200, result) : undefined;
    }
    if (p === '/createRoom' && m === 'POST') return send(200, { room_id: this.createRoom(me, body) });
    r = /^\/(?:join|rooms)\/([^/]+)(?:\/join)?$/.exec(p);
    if (r && m === 'POST') {
      const id = this.joined(r[1], me);
      return id ? send(200, { room_id: id }) : send(404, { errcode: 'M_NOT_FOUND', error: 'No such room' });
    }
    r = /^\/rooms\/([^/]+)\/leave$/.exec(p);
    if (r && m === 'POST') {
      this.left(r[1], me);
      return send(200, {});
    }
    r = /^\/rooms\/([^/]+)\/invite$/.exec(p);
    if (r && m === 'POST') {
      const room = this.rooms.get(r[1]);
      if (!room) return send(404, { errcode: 'M_NOT_FOUND', error: 'No such room' });
      this.invited(room, me, String(body.user_id));
      return send(200, {});
    }
    r = /^\/rooms\/([^/]+)\/members$/.exec(p);
    if (r) {
      const room = this.rooms.get(r[1]);
      return send(200, { chunk: room ? this.stateOf(room).filter((e) => e.type === 'm.room.member') : [] });
    }
    r = /^\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(p);
    if (r && m === 'PUT') {
      const failure = this.failures.get(r[1]);
      if (failure) {
        const retry = failure.retryAfterMs === undefined ? {} : { retry_after_ms: failure.retryAfterMs };
        return send(failure.status, { errcode: failure.errcode, error: 'Refused by the fake homeserver', ...retry });
      }
      const ev = this.append(r[1], this.event(r[2], me, body), r[3]);
      const sent = { roomId: r[1], type: r[2], content: body, eventId: ev.event_id, sender: me };
      this.traffic.push(sent);
      if (me === this.opts.botUserId) this.sent.push(sent);
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
