import {
  ClientEvent,
  EventType,
  HttpApiEvent,
  KnownMembership,
  Method,
  RoomEvent,
  RoomMemberEvent,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  type RoomMember,
} from 'matrix-js-sdk';
import type { RoomMessageEventContent } from 'matrix-js-sdk/lib/types.js';
import type { IRoomTimelineData } from 'matrix-js-sdk/lib/models/event-timeline-set.js';
import type { PlatformModule } from '../platform.js';
import { tchapConfigFromEnv, type TchapConfig } from './config.js';
import { isAllowedUser, serverOf, threadRootOf, toIncoming, type RoomContext } from './map.js';
import { renderMessage, renderNotice, type MessageContent } from './render.js';
import { routeSdkLogs } from './sdk-log.js';
import { openSession, STORE_NAMESPACE } from './session.js';
import { ENCRYPTED_ROOM_NOTICE, INTERNAL_ERROR } from './texts.js';
import { RATE_LIMIT_NOTICE, RateLimiter, openStore, type Adapter, type IncomingMessage, type Logger, type StateStore, type TurnHandler } from '../../src/index.js';

export type { TchapConfig } from './config.js';

export interface TchapAdapterOptions {
  /** Where the access token and the notices already sent are kept; opened from `config.store` when absent. */
  store?: StateStore;
  rateLimiter?: RateLimiter;
  /** /sync long-poll, in ms (the SDK's default is 30 s). */
  pollTimeout?: number;
  /** How long `start()` waits for the first sync before going on anyway. */
  readyTimeoutMs?: number;
}

/** How many of its own event ids the bot remembers, to recognise replies to it. */
const OWN_EVENTS_KEPT = 1000;

/**
 * The Tchap (Matrix) front end: the real matrix-js-sdk client, without a crypto
 * module. It joins rooms it is invited to by agents of the allowed servers,
 * answers live text messages (every message in a direct room, mentions and
 * replies in a group room) and warns once per room that it cannot read
 * end-to-end encrypted messages.
 */
export class TchapAdapter implements Adapter {
  readonly name = 'tchap';
  private client?: MatrixClient;
  private store?: StateStore;
  private ready = false;
  private displayName?: string;
  private readonly limiter: RateLimiter;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly ownEvents = new Set<string>();
  private readonly invitesSeen = new Set<string>();
  private readonly encryptedSeen = new Set<string>();

  constructor(
    private readonly config: TchapConfig,
    private readonly assistant: TurnHandler,
    private readonly log: Logger,
    private readonly opts: TchapAdapterOptions = {},
  ) {
    this.limiter = opts.rateLimiter ?? new RateLimiter();
  }

  private get me(): string {
    return this.config.userId;
  }

  async start(): Promise<void> {
    routeSdkLogs(this.log.child('sdk'));
    const store = (this.store = this.opts.store ?? (await openStore(this.config.store)));
    const client = (this.client = await openSession(this.config, store, this.log));
    this.displayName = await client
      .getProfileInfo(this.me, 'displayname')
      .then((p) => p.displayname)
      .catch(() => undefined);
    client.on(RoomMemberEvent.Membership, (ev, member) => this.onMembership(ev, member));
    client.on(RoomEvent.Timeline, (ev, room, toStart, removed, data) => this.onTimeline(ev, room, toStart, removed, data));
    client.on(HttpApiEvent.SessionLoggedOut, () =>
      this.log.error('le serveur Tchap a révoqué le jeton du bot : redémarrez avec un nouveau TCHAP_ACCESS_TOKEN ou avec TCHAP_PASSWORD'),
    );
    const prepared = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.log.warn('première synchronisation Tchap toujours en cours ; le bot continue de réessayer');
        resolve();
      }, this.opts.readyTimeoutMs ?? 60000);
      timer.unref(); // never what keeps the process alive
      client.on(ClientEvent.Sync, (state, prev, data) => {
        if (state === SyncState.Prepared && !this.ready) {
          this.ready = true; // events before this point are history: not answered
          clearTimeout(timer);
          resolve();
        }
        if (state === SyncState.Error && prev !== SyncState.Error) this.log.warn('synchronisation Tchap en erreur, nouvel essai', { err: data?.error });
        if (this.ready && (state === SyncState.Prepared || state === SyncState.Syncing)) this.scanEncryptedRooms();
      });
    });
    // Spread, not `pollTimeout: undefined`: the SDK's defaults would be overwritten by it.
    const poll = this.opts.pollTimeout ? { pollTimeout: this.opts.pollTimeout } : {};
    await client.startClient({ initialSyncLimit: 1, lazyLoadMembers: false, threadSupport: false, ...poll });
    await prepared;
    this.log.info('bot Tchap prêt', { user: this.me, homeserver: this.config.homeserverUrl });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.ready = false;
    client?.stopClient();
    client?.removeAllListeners();
    await Promise.allSettled([...this.queues.values()]);
    if (!this.opts.store) await this.store?.close();
  }

  /** Invitations: accepted from the allowed servers, refused (left) otherwise. */
  private onMembership(ev: MatrixEvent, member: RoomMember): void {
    if (member.userId !== this.me || member.membership !== KnownMembership.Invite) return;
    if (this.invitesSeen.has(member.roomId)) return;
    this.invitesSeen.add(member.roomId);
    const inviter = ev.getSender() ?? '';
    void this.answerInvite(member.roomId, inviter).catch((err) => {
      this.invitesSeen.delete(member.roomId); // tried again when the invite shows up again (next start)
      this.log.error('réponse à une invitation impossible', { roomId: member.roomId, err });
    });
  }

  private async answerInvite(roomId: string, inviter: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (isAllowedUser(inviter, this.config.allowedDomains)) {
      await client.joinRoom(roomId);
      this.log.info('invitation acceptée', { roomId, inviter });
    } else {
      await client.leave(roomId);
      this.log.warn('invitation refusée : serveur non autorisé (TCHAP_ALLOWED_DOMAINS)', { roomId, server: serverOf(inviter) });
    }
  }

  private onTimeline(ev: MatrixEvent, room: Room | undefined, toStart: boolean | undefined, removed: boolean, data: IRoomTimelineData): void {
    if (!this.ready || toStart || removed || !data.liveEvent || !room) return;
    if (ev.getSender() === this.me) return; // its own messages, local echoes included
    if (ev.getType() === EventType.RoomMessageEncrypted) {
      void this.warnEncrypted(room.roomId, 'message chiffré reçu');
      return;
    }
    const content = ev.getContent();
    const msg = toIncoming({ type: ev.getType(), sender: ev.getSender() ?? '', content }, this.roomContext(room));
    if (!msg) return;
    const thread = threadRootOf(content);
    const eventId = ev.getId();
    this.enqueue(room.roomId, async () => {
      // instances sharing Redis all sync the same account: the first to claim the event answers it
      if (eventId && this.store && !(await this.store.claim('tchap-events', eventId, 60 * 60_000))) return;
      await this.answer(room.roomId, msg, thread);
    });
  }

  private roomContext(room: Room): RoomContext {
    const names = [this.displayName, room.getMember(this.me)?.rawDisplayName].filter((n): n is string => Boolean(n));
    return {
      roomId: room.roomId,
      joinedMembers: room.getJoinedMemberCount(),
      botUserId: this.me,
      botNames: names,
      isBotEvent: (id) => this.ownEvents.has(id) || room.findEventById(id)?.getSender() === this.me,
    };
  }

  /** One turn: rate limit, the core, then each message of the reply in order. */
  private async answer(roomId: string, msg: IncomingMessage, thread: string | undefined): Promise<void> {
    const verdict = this.limiter.check(msg.user);
    if (verdict === 'drop') return;
    if (verdict === 'notice') {
      this.log.info('limite de débit atteinte', { user: msg.user });
      await this.post(roomId, thread, renderNotice(RATE_LIMIT_NOTICE));
      return;
    }
    let contents: MessageContent[];
    try {
      const r = await this.assistant.handle(msg);
      this.log.debug('tour', { roomId, intent: r.intent, topic: r.topic, confidence: r.confidence });
      contents = r.messages.map((m) => renderMessage(m));
    } catch (err) {
      this.log.error('échec du tour', { roomId, err });
      contents = [renderNotice(INTERNAL_ERROR)];
    }
    for (const c of contents) await this.post(roomId, thread, c);
  }

  /** Turns of a room run one after the other, so a numbered answer follows its question. */
  private enqueue(roomId: string, task: () => Promise<void>): void {
    const run = (this.queues.get(roomId) ?? Promise.resolve())
      .then(task)
      .catch((err) => this.log.error('envoi de la réponse impossible', { roomId, err }));
    this.queues.set(roomId, run);
    void run.finally(() => {
      if (this.queues.get(roomId) === run) this.queues.delete(roomId);
    });
  }

  /**
   * Sends through the SDK, except in an encrypted room: without a crypto module
   * the SDK refuses to send there, so the plain event goes through the raw API.
   */
  private async post(roomId: string, thread: string | undefined, content: MessageContent): Promise<void> {
    const client = this.client;
    if (!client) return;
    let eventId: string;
    if (client.getRoom(roomId)?.hasEncryptionStateEvent()) {
      const path = `/rooms/${encodeURIComponent(roomId)}/send/${EventType.RoomMessage}/${encodeURIComponent(client.makeTxnId())}`;
      ({ event_id: eventId } = await client.http.authedRequest<{ event_id: string }>(Method.Put, path, undefined, { ...content }));
    } else {
      ({ event_id: eventId } = await client.sendMessage(roomId, thread ?? null, content as unknown as RoomMessageEventContent));
    }
    this.ownEvents.add(eventId);
    if (this.ownEvents.size > OWN_EVENTS_KEPT) this.ownEvents.delete(this.ownEvents.values().next().value!);
  }

  private scanEncryptedRooms(): void {
    for (const room of this.client?.getRooms() ?? []) {
      if (room.getMyMembership() === KnownMembership.Join && room.hasEncryptionStateEvent()) void this.warnEncrypted(room.roomId, 'salon chiffré');
    }
  }

  /** Once per room (remembered across restarts): a plain notice that encrypted messages cannot be read. */
  private async warnEncrypted(roomId: string, why: string): Promise<void> {
    if (this.encryptedSeen.has(roomId)) return;
    this.encryptedSeen.add(roomId);
    const key = `e2ee-notice:${roomId}`;
    try {
      if (await this.store?.read<number>(STORE_NAMESPACE, key)) {
        this.log.warn('salon chiffré : messages illisibles sans module de chiffrement (avis déjà envoyé)', { roomId, why });
        return;
      }
      await this.post(roomId, undefined, renderNotice(ENCRYPTED_ROOM_NOTICE));
      await this.store?.write(STORE_NAMESPACE, key, Date.now());
      this.log.warn('salon chiffré : messages illisibles sans module de chiffrement ; avis envoyé dans le salon', { roomId, why });
    } catch (err) {
      this.log.warn('salon chiffré : messages illisibles, et l’avis n’a pas pu être envoyé', { roomId, why, err });
    }
  }
}

export const tchap: PlatformModule<TchapConfig> = {
  name: 'tchap',
  fromEnv: tchapConfigFromEnv,
  create: (config, assistant, logger, deps) => new TchapAdapter(config, assistant, logger.child('tchap'), { store: deps.store }),
};
