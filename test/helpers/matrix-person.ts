import { routeConsoleDuring } from '../../adapters/tchap/sdk-log.js';
import { silentLogger } from '../../src/shared/logger.js';
import { LoggerLevel, Tracing } from '@matrix-org/matrix-sdk-crypto-wasm';
import {
  ClientEvent,
  KnownMembership,
  RoomEvent,
  RoomMemberEvent,
  SyncState,
  createClient,
  type MatrixClient,
  type MatrixEvent,
} from 'matrix-js-sdk';
import type { FakeHomeserver } from './fake-matrix.js';

/**
 * A person on Tchap for the encryption tests: the real matrix-js-sdk client
 * with its Rust crypto (in memory), syncing against the fake homeserver. It
 * accepts every invitation, decrypts what others write and keeps it to read.
 */

export interface Received {
  roomId: string;
  sender: string;
  body: string;
  encrypted: boolean;
}

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };

export class Person {
  readonly received: Received[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly client: MatrixClient,
    readonly userId: string,
  ) {}

  /** Signs in as `userId` on its own device, with crypto, and waits for the first sync. */
  static async start(hs: FakeHomeserver, userId: string): Promise<Person> {
    const account = hs.addUser(userId);
    const client = createClient({ baseUrl: hs.url, userId, deviceId: account.deviceId, accessToken: account.accessToken, logger: quiet });
    await routeConsoleDuring(silentLogger, async () => {
      await client.initRustCrypto({ useIndexedDB: false });
      new Tracing(LoggerLevel.Error).turnOff(); // each initRustCrypto turns the module's console traces back on
    });
    const person = new Person(client, userId);
    client.on(RoomMemberEvent.Membership, (_ev, member) => {
      if (member.userId === userId && member.membership === KnownMembership.Invite) void client.joinRoom(member.roomId);
    });
    client.on(RoomEvent.Timeline, (ev, room, toStart) => {
      if (!toStart && room && ev.getSender() !== userId) void person.read(ev, room.roomId);
    });
    const ready = new Promise<void>((resolve) => client.on(ClientEvent.Sync, (s) => s === SyncState.Prepared && resolve()));
    await client.startClient({ initialSyncLimit: 1, lazyLoadMembers: false, threadSupport: false, pollTimeout: 1000 });
    await ready;
    return person;
  }

  private async read(ev: MatrixEvent, roomId: string): Promise<void> {
    await this.client.decryptEventIfNeeded(ev);
    if (ev.getType() !== 'm.room.message') return;
    this.received.push({ roomId, sender: ev.getSender() ?? '', body: String(ev.getContent().body ?? ''), encrypted: ev.isEncrypted() });
    for (const w of [...this.waiters]) w();
  }

  /** Opens an encrypted room with `invite` (direct when `direct`) and waits until they have all joined. */
  async openRoom(hs: FakeHomeserver, invite: string[], direct = true): Promise<string> {
    const { room_id } = await this.client.createRoom({
      is_direct: direct,
      invite,
      initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    });
    await hs.until(() => invite.every((u) => hs.isJoined(room_id, u)), 5000, 'invitees joined');
    await this.until(
      () => invite.every((u) => this.client.getRoom(room_id)?.getMember(u)?.membership === KnownMembership.Join),
      'joins seen',
    );
    return room_id;
  }

  /** Writes `text` (encrypted by the SDK in an encrypted room); resolves once the server has it. */
  async say(roomId: string, text: string): Promise<void> {
    await this.client.sendTextMessage(roomId, text);
  }

  /** The next `count` messages from others in `roomId`, from index `from` of `received`. */
  async next(roomId: string, count: number, from: number, ms = 8000): Promise<Received[]> {
    const hits = () => this.received.slice(from).filter((r) => r.roomId === roomId);
    await this.until(() => hits().length >= count, `${count} message(s) in ${roomId}`, ms);
    return hits().slice(0, count);
  }

  /** Sends `text` and returns the bodies of the next `count` messages from others in the room. */
  async ask(roomId: string, text: string, count = 1): Promise<string[]> {
    const from = this.received.length;
    await this.say(roomId, text);
    return (await this.next(roomId, count, from)).map((r) => r.body);
  }

  until(cond: () => boolean, what: string, ms = 8000): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!cond()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        this.client.off(ClientEvent.Sync, check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        this.client.off(ClientEvent.Sync, check);
        reject(
          new Error(
            `${this.userId}: ${what} not met within ${ms} ms; received ${JSON.stringify(this.received.map((r) => r.body.slice(0, 40)))}`,
          ),
        );
      }, ms);
      this.waiters.add(check);
      this.client.on(ClientEvent.Sync, check);
    });
  }

  stop(): void {
    this.client.stopClient();
    this.client.removeAllListeners();
  }
}
