import { EventType, HTTPError, KnownMembership, MatrixError, Method, safeGetRetryAfterMs, type MatrixClient } from 'matrix-js-sdk';
import type { RoomMessageEventContent } from 'matrix-js-sdk/lib/types.js';
import type { Transport } from '../pipeline.js';
import type { TchapReply } from './map.js';
import type { MessageContent } from './render.js';
import { TCHAP_TEXTS } from './texts.js';
import type { Address, SendResult } from '../../src/index.js';

/** How many of its own event ids the bot remembers, to recognise replies to it. */
const OWN_EVENTS_KEPT = 1000;
/** Seconds to wait when the server gives no delay (a 5xx, the network). */
const DEFAULT_RETRY_S = 30;

/**
 * Delivers Matrix contents: replies through the SDK (which waits out rate
 * limits itself), in the thread the person wrote in. It remembers the bot's own
 * event ids, so that a reply to one of them addresses the bot.
 */
export class TchapTransport implements Transport<TchapReply, MessageContent> {
  private readonly ownEvents = new Set<string>();

  /**
   * @param directRoom the person's direct conversation with the bot (a room id),
   *   or why there is none to write in
   */
  constructor(
    private readonly clientOf: () => MatrixClient | undefined,
    private readonly directRoom: (userId: string) => Promise<string | SendResult> = async () => ({
      status: 'refused',
      reason: TCHAP_TEXTS.personRefused,
    }),
  ) {}

  /** Whether an event id is one of the bot's own messages. */
  isOwnEvent(id: string): boolean {
    return this.ownEvents.has(id);
  }

  deliver(reply: TchapReply, content: MessageContent): Promise<void> {
    return this.post(reply.roomId, reply.thread, content);
  }

  /**
   * Sends through the SDK, which encrypts in an encrypted room when the crypto
   * module is on. Without it the SDK refuses to send there, so the plain event
   * (the one notice) goes through the raw API.
   */
  async post(roomId: string, thread: string | undefined, content: MessageContent): Promise<void> {
    const client = this.clientOf();
    if (!client) throw new Error('Tchap client stopped');
    const room = client.getRoom(roomId);
    // The SDK sends in clear to a room it does not know yet: an encrypting bot never does.
    if (!room && client.getCrypto()) throw new Error('Tchap room not synced yet');
    if (room?.hasEncryptionStateEvent() && !client.getCrypto()) {
      this.remember(await this.put(client, roomId, withThread(content, thread)));
    } else {
      const { event_id } = await client.sendMessage(roomId, thread ?? null, content as unknown as RoomMessageEventContent);
      this.remember(event_id);
    }
  }

  /**
   * A room (or its thread) on the assistant's own initiative, never throws.
   * A clear room goes through the raw API: the SDK's own queue would retry a
   * rate limit for a while, and a sender on its own initiative needs the delay
   * instead. An encrypted room (a person's direct conversation) goes through
   * the SDK, which alone can encrypt.
   */
  async send(address: Address, contents: MessageContent[]): Promise<SendResult> {
    const client = this.clientOf();
    if (!client) return { status: 'retry', afterSeconds: DEFAULT_RETRY_S, reason: TCHAP_TEXTS.stopped };
    if (address.kind === 'person' && !client.getCrypto()) return { status: 'refused', reason: TCHAP_TEXTS.personRefused };
    let roomId: string;
    let thread: string | undefined;
    try {
      if (address.kind === 'person') {
        const dm = await this.directRoom(address.user);
        if (typeof dm !== 'string') return dm;
        roomId = dm;
      } else {
        roomId = address.room;
        thread = address.thread;
      }
    } catch (err) {
      return tchapSendResult(err);
    }
    const room = client.getRoom(roomId);
    // A room the client does not know may be encrypted: an encrypting bot never writes there blind.
    if (room ? room.getMyMembership() !== KnownMembership.Join : client.getCrypto())
      return { status: 'refused', reason: TCHAP_TEXTS.notJoined };
    const encrypted = room?.hasEncryptionStateEvent();
    if (encrypted && !client.getCrypto()) return { status: 'refused', reason: TCHAP_TEXTS.encryptedRoomRefused };
    try {
      let id: string | undefined;
      for (const content of contents) {
        let eventId: string;
        if (encrypted) {
          eventId = (await client.sendMessage(roomId, thread ?? null, content as unknown as RoomMessageEventContent)).event_id;
        } else {
          eventId = await this.put(client, roomId, withThread(content, thread));
        }
        this.remember(eventId);
        id ??= eventId;
      }
      return id ? { status: 'delivered', id } : { status: 'delivered' };
    } catch (err) {
      return tchapSendResult(err);
    }
  }

  private async put(client: MatrixClient, roomId: string, content: object): Promise<string> {
    const path = `/rooms/${encodeURIComponent(roomId)}/send/${EventType.RoomMessage}/${encodeURIComponent(client.makeTxnId())}`;
    const { event_id } = await client.http.authedRequest<{ event_id: string }>(Method.Put, path, undefined, { ...content });
    return event_id;
  }

  private remember(eventId: string): void {
    this.ownEvents.add(eventId);
    if (this.ownEvents.size > OWN_EVENTS_KEPT) this.ownEvents.delete(this.ownEvents.values().next().value!);
  }
}

/** The thread relation the SDK adds to a message sent in a thread. */
function withThread(content: MessageContent, thread: string | undefined): object {
  if (!thread) return content;
  return {
    ...content,
    'm.relates_to': { rel_type: 'm.thread', event_id: thread, is_falling_back: true, 'm.in_reply_to': { event_id: thread } },
  };
}

/** What a failed Matrix call means for a sender: wait and try again, or give up. */
export function tchapSendResult(err: unknown): SendResult {
  if (err instanceof MatrixError || err instanceof HTTPError) {
    if (err.isRateLimitError() || err.httpStatus === 429) {
      return {
        status: 'retry',
        afterSeconds: Math.max(1, Math.ceil(safeGetRetryAfterMs(err, DEFAULT_RETRY_S * 1000) / 1000)),
        reason: TCHAP_TEXTS.rateLimited,
      };
    }
    const status = err.httpStatus ?? 0;
    if (status >= 500) return { status: 'retry', afterSeconds: DEFAULT_RETRY_S, reason: TCHAP_TEXTS.unavailable(`HTTP ${status}`) };
    const code = (err instanceof MatrixError && err.errcode) || `HTTP ${status}`;
    if (code === 'M_FORBIDDEN') return { status: 'refused', reason: `${TCHAP_TEXTS.refused(code)} : ${TCHAP_TEXTS.forbidden}` };
    return { status: 'refused', reason: TCHAP_TEXTS.refused(code) };
  }
  // Network errors and timeouts: the server may well answer a little later.
  return { status: 'retry', afterSeconds: DEFAULT_RETRY_S, reason: TCHAP_TEXTS.unreachable };
}
