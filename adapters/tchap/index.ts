import {
  ClientEvent,
  HttpApiEvent,
  KnownMembership,
  RoomEvent,
  RoomMemberEvent,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  type RoomMember,
} from 'matrix-js-sdk';
import type { IRoomTimelineData } from 'matrix-js-sdk/lib/models/event-timeline-set.js';
import { InboundPipeline } from '../pipeline.js';
import type { PlatformModule } from '../platform.js';
import { tchapConfigFromEnv, type TchapConfig } from './config.js';
import { isAllowedUser, serverOf, toInbound, type RoomContext, type TchapRaw, type TchapReply } from './map.js';
import { renderNotice, renderTchap, type MessageContent } from './render.js';
import { directRoom, roomReady } from './dm.js';
import { decrypted, openEncryptedSession } from './e2ee.js';
import type { CryptoStateFile } from './crypto-file.js';
import { routeSdkLogs } from './sdk-log.js';
import { STORE_NAMESPACE } from './session.js';
import { TCHAP_TEXTS } from './texts.js';
import { TchapTransport } from './transport.js';
import {
  adapterHealth,
  type RateLimiter,
  openStore,
  type Adapter,
  type Address,
  type Logger,
  type OutgoingMessage,
  type SendResult,
  type StateStore,
  type TurnHandler,
} from '../../src/index.js';

export type { TchapConfig } from './config.js';

export interface TchapAdapterOptions {
  /** Where the access token, the notices already sent and the claimed events are kept; opened from `config.store` when absent. */
  store?: StateStore;
  rateLimiter?: RateLimiter;
  /** /sync long-poll, in ms (the SDK's default is 30 s). */
  pollTimeout?: number;
  /** How long `start()` waits for the first sync before going on anyway. */
  readyTimeoutMs?: number;
  /** How long an encrypted message waits for its key, or a new room for the server's confirmation (10 s by default). */
  roomWaitMs?: number;
  /** The académie's display name, in the one line that opens a direct conversation. */
  academie?: string;
}

/**
 * The Tchap (Matrix) front end: the real matrix-js-sdk client, with its Rust
 * crypto module when TCHAP_CRYPTO_PASSPHRASE is set. It joins rooms it is
 * invited to by agents of the allowed servers (a direct conversation gets one
 * line saying what the assistant is), answers live text messages (every
 * message in a direct room, mentions and replies in a group room), encrypted
 * or not. Without the crypto module it warns once per encrypted room that it
 * cannot read it.
 */
export class TchapAdapter implements Adapter {
  readonly name = 'tchap';
  private client?: MatrixClient;
  private store?: StateStore;
  private ready = false;
  private displayName?: string;
  private readonly transport = new TchapTransport(
    () => this.client,
    (user) => this.directRoomOf(user),
  );
  private cryptoState?: CryptoStateFile;
  /** Encrypted events wait for decryption in order, room by room. */
  private readonly decrypting = new Map<string, Promise<void>>();
  private readonly undecryptableNoticed = new Set<string>();
  /** Built in start(), once the store that holds the claims is open. */
  private pipeline?: InboundPipeline<TchapRaw, TchapReply, MessageContent>;
  private readonly invitesSeen = new Set<string>();
  private readonly encryptedSeen = new Set<string>();
  /** Invitations and encryption notices under way, waited for by `settled()`. */
  private readonly chores = new Set<Promise<void>>();

  constructor(
    private readonly config: TchapConfig,
    private readonly assistant: TurnHandler,
    private readonly log: Logger,
    private readonly opts: TchapAdapterOptions = {},
  ) {}

  private get me(): string {
    return this.config.userId;
  }

  async start(): Promise<void> {
    routeSdkLogs(this.log);
    const store = this.opts.store ?? (await openStore(this.config.store));
    this.store = store;
    this.pipeline = new InboundPipeline(
      { name: 'tchap', map: toInbound, render: renderTchap, transport: this.transport },
      { assistant: this.assistant, store, logger: this.log, limiter: this.opts.rateLimiter },
    );
    const session = await openEncryptedSession(this.config, store, this.log);
    const client = session.client;
    this.client = client;
    this.cryptoState = session.state;
    this.displayName = await client
      .getProfileInfo(this.me, 'displayname')
      .then((p) => p.displayname)
      .catch(() => undefined);
    client.on(RoomMemberEvent.Membership, (ev, member) => this.onMembership(ev, member));
    client.on(RoomEvent.Timeline, (ev, room, toStart, removed, data) => this.onTimeline(ev, room, toStart, removed, data));
    client.on(HttpApiEvent.SessionLoggedOut, () => this.log.error('tchap.logged_out', { hint: TCHAP_TEXTS.log.loggedOut }));
    const prepared = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.log.warn('tchap.first_sync_slow', { hint: TCHAP_TEXTS.log.firstSyncSlow });
        resolve();
      }, this.opts.readyTimeoutMs ?? 60000);
      timer.unref(); // never what keeps the process alive
      client.on(ClientEvent.Sync, (state, prev, data) => {
        if (state === SyncState.Prepared && !this.ready) {
          this.ready = true; // events before this point are history: not answered
          clearTimeout(timer);
          resolve();
        }
        if (state === SyncState.Error && prev !== SyncState.Error) {
          this.log.warn('tchap.sync_failed', { err: data?.error, hint: TCHAP_TEXTS.log.syncError });
          adapterHealth.connected('tchap', false);
          adapterHealth.error('tchap', data?.error ?? 'sync');
        }
        if (state === SyncState.Prepared || state === SyncState.Syncing) adapterHealth.connected('tchap');
        if (!this.cryptoState && this.ready && (state === SyncState.Prepared || state === SyncState.Syncing)) this.scanEncryptedRooms();
      });
    });
    // Spread, not `pollTimeout: undefined`: the SDK's defaults would be overwritten by it.
    const poll = this.opts.pollTimeout ? { pollTimeout: this.opts.pollTimeout } : {};
    await client.startClient({ initialSyncLimit: 1, lazyLoadMembers: false, threadSupport: false, ...poll });
    await prepared;
    this.log.info('tchap.ready', { user: this.me, homeserver: this.config.homeserverUrl });
  }

  /** Waits for the answers being written, then stops syncing. */
  async stop(): Promise<void> {
    this.ready = false; // nothing new is taken from here on
    await this.settled();
    const client = this.client;
    this.client = undefined;
    client?.stopClient();
    client?.removeAllListeners();
    await this.cryptoState?.close(); // the last keys and sessions on disk
    this.cryptoState = undefined;
    if (!this.opts.store) await this.store?.close();
  }

  /** Resolves once every event received so far has been handled: answers, invitations, notices. */
  async settled(): Promise<void> {
    while (this.chores.size) await Promise.allSettled([...this.chores]);
    await this.pipeline?.settled();
  }

  /** A post in a room (or its thread), or to a person in their encrypted direct conversation with the bot (opened if need be). */
  send(address: Address, message: OutgoingMessage): Promise<SendResult> {
    return this.transport.send(address, renderTchap(message));
  }

  private async directRoomOf(userId: string): Promise<string | SendResult> {
    const client = this.client;
    if (!client || !this.store) return { status: 'retry', afterSeconds: 30, reason: TCHAP_TEXTS.stopped };
    if (!isAllowedUser(userId, this.config.allowedDomains)) return { status: 'refused', reason: TCHAP_TEXTS.personNotAllowed };
    const room = await directRoom(client, this.store, userId, this.log, this.roomWaitMs);
    return room ? room.roomId : { status: 'retry', afterSeconds: 30, reason: TCHAP_TEXTS.dmNotReady };
  }

  private get roomWaitMs(): number {
    return this.opts.roomWaitMs ?? 10_000;
  }

  private chore(task: Promise<void>): void {
    this.chores.add(task);
    void task.finally(() => this.chores.delete(task));
  }

  /** Invitations: accepted from the allowed servers, refused (left) otherwise. */
  private onMembership(ev: MatrixEvent, member: RoomMember): void {
    if (member.userId !== this.me || member.membership !== KnownMembership.Invite) return;
    if (this.invitesSeen.has(member.roomId)) return;
    this.invitesSeen.add(member.roomId);
    const inviter = ev.getSender() ?? '';
    const direct = ev.getContent().is_direct === true;
    this.chore(
      this.answerInvite(member.roomId, inviter, direct).catch((err) => {
        this.invitesSeen.delete(member.roomId); // tried again when the invite shows up again (next start)
        this.log.error('tchap.invite_failed', { roomId: member.roomId, err });
      }),
    );
  }

  private async answerInvite(roomId: string, inviter: string, direct: boolean): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (isAllowedUser(inviter, this.config.allowedDomains)) {
      await client.joinRoom(roomId);
      this.log.info('tchap.invite_accepted', { roomId, inviter, direct });
      if (direct) await this.welcome(roomId);
    } else {
      await client.leave(roomId);
      this.log.warn('tchap.invite_refused', { roomId, server: serverOf(inviter), hint: TCHAP_TEXTS.log.inviteRefused });
    }
  }

  /** The one line that opens a direct conversation, once the bot's client has the room (and knows whether to encrypt). */
  private async welcome(roomId: string): Promise<void> {
    const client = this.client;
    const room = client && (await roomReady(client, roomId, this.roomWaitMs));
    // Without the crypto module, an encrypted room gets the notice that the bot cannot read it instead.
    if (!room || (room.hasEncryptionStateEvent() && !this.cryptoState)) return;
    await this.transport.post(roomId, undefined, renderNotice(TCHAP_TEXTS.welcome(this.opts.academie)));
  }

  private onTimeline(
    ev: MatrixEvent,
    room: Room | undefined,
    toStart: boolean | undefined,
    removed: boolean,
    data: IRoomTimelineData,
  ): void {
    if (!this.ready || toStart || removed || !data.liveEvent || !room) return;
    if (ev.getSender() === this.me) return; // its own messages, local echoes included
    if (!ev.isEncrypted()) {
      void this.receive(ev, room);
      return;
    }
    if (!this.cryptoState) {
      this.chore(this.warnEncrypted(room.roomId, 'message'));
      return;
    }
    // In order within a room: a later message may decrypt sooner than an earlier one.
    const previous = this.decrypting.get(room.roomId) ?? Promise.resolve();
    const next = previous.then(() => this.receiveEncrypted(ev, room));
    this.decrypting.set(room.roomId, next);
    this.chore(next.finally(() => this.decrypting.get(room.roomId) === next && this.decrypting.delete(room.roomId)));
  }

  private receive(ev: MatrixEvent, room: Room): Promise<void> | undefined {
    const event = { type: ev.getType(), sender: ev.getSender() ?? '', content: ev.getContent() };
    return this.pipeline?.receive({ event, eventId: ev.getId(), room: this.roomContext(room) });
  }

  /** Decrypts, then goes the way of a clear message; an unreadable one gets a request to send it again, once per room until one is read. */
  private async receiveEncrypted(ev: MatrixEvent, room: Room): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (await decrypted(client, ev, this.roomWaitMs).catch(() => false)) {
      this.undecryptableNoticed.delete(room.roomId);
      return this.receive(ev, room);
    }
    this.log.warn('tchap.undecryptable', { roomId: room.roomId, reason: ev.decryptionFailureReason, hint: TCHAP_TEXTS.log.undecryptable });
    if (this.undecryptableNoticed.has(room.roomId)) return;
    this.undecryptableNoticed.add(room.roomId);
    await this.transport
      .post(room.roomId, undefined, renderNotice(TCHAP_TEXTS.undecryptable))
      .catch((err: unknown) => this.log.warn('tchap.notice_failed', { roomId: room.roomId, err: err as Error }));
  }

  private roomContext(room: Room): RoomContext {
    const names = [this.displayName, room.getMember(this.me)?.rawDisplayName].filter((n): n is string => Boolean(n));
    return {
      roomId: room.roomId,
      joinedMembers: room.getJoinedMemberCount(),
      botUserId: this.me,
      botNames: names,
      isBotEvent: (id) => this.transport.isOwnEvent(id) || room.findEventById(id)?.getSender() === this.me,
      // a person is written to in an encrypted direct conversation: only with the encryption module
      canWriteFirst: Boolean(this.cryptoState),
    };
  }

  private scanEncryptedRooms(): void {
    for (const room of this.client?.getRooms() ?? []) {
      if (room.getMyMembership() === KnownMembership.Join && room.hasEncryptionStateEvent())
        this.chore(this.warnEncrypted(room.roomId, 'room'));
    }
  }

  /** Once per room (remembered across restarts): a plain notice that encrypted messages cannot be read. */
  private async warnEncrypted(roomId: string, seen: 'room' | 'message'): Promise<void> {
    if (this.encryptedSeen.has(roomId)) return;
    this.encryptedSeen.add(roomId);
    const key = `e2ee-notice:${roomId}`;
    const fields = { roomId, seen, hint: TCHAP_TEXTS.log.encrypted };
    try {
      if (await this.store?.read<number>(STORE_NAMESPACE, key))
        return this.log.warn('tchap.encrypted_room', { ...fields, notice: 'already_sent' });
      await this.transport.post(roomId, undefined, renderNotice(TCHAP_TEXTS.encryptedRoomNotice));
      await this.store?.write(STORE_NAMESPACE, key, Date.now());
      this.log.warn('tchap.encrypted_room', { ...fields, notice: 'sent' });
    } catch (err) {
      this.log.warn('tchap.encrypted_room', { ...fields, notice: 'failed', err: err as Error });
    }
  }
}

export const tchap: PlatformModule<TchapConfig> = {
  name: 'tchap',
  fromEnv: tchapConfigFromEnv,
  create: (config, assistant, logger, deps) => new TchapAdapter(config, assistant, logger, { store: deps.store, academie: deps.academie }),
};
