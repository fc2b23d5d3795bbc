import { ClientEvent, KnownMembership, Preset, type MatrixClient, type Room } from 'matrix-js-sdk';
import { STORE_NAMESPACE } from './session.js';
import type { Logger, StateStore } from '../../src/index.js';

/**
 * Direct conversations the bot opens itself, to write to a person on its own
 * initiative: one per person, remembered in the store, always encrypted.
 */

const dmKey = (userId: string) => `dm:${userId}`;

/** Resolves with the room once the bot's client has it joined (and encrypted, when `encrypted`), or undefined after `ms`. */
export function roomReady(client: MatrixClient, roomId: string, ms: number, encrypted = false): Promise<Room | undefined> {
  const ready = () => {
    const room = client.getRoom(roomId);
    return room && room.getMyMembership() === KnownMembership.Join && (!encrypted || room.hasEncryptionStateEvent()) ? room : undefined;
  };
  const now = ready();
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const check = () => {
      const room = ready();
      if (room) finish(room);
    };
    const finish = (room: Room | undefined) => {
      clearTimeout(timer);
      client.off(ClientEvent.Sync, check);
      resolve(room);
    };
    const timer = setTimeout(() => finish(ready()), ms);
    timer.unref();
    client.on(ClientEvent.Sync, check);
  });
}

/** Whether `room` is an encrypted room of the bot and `userId` alone, who is in it or invited. */
function isDmWith(room: Room | null, me: string, userId: string): room is Room {
  if (!room || room.getMyMembership() !== KnownMembership.Join || !room.hasEncryptionStateEvent()) return false;
  const others = room
    .getMembers()
    .filter((m) => m.userId !== me && (m.membership === KnownMembership.Join || m.membership === KnownMembership.Invite));
  return others.length === 1 && others[0].userId === userId;
}

/** The person's direct conversation with the bot: the one remembered, one the person opened, or a new encrypted one. */
export async function directRoom(
  client: MatrixClient,
  store: StateStore,
  userId: string,
  log: Logger,
  readyMs: number,
): Promise<Room | undefined> {
  const me = client.getUserId() ?? '';
  const known = await store.read<string>(STORE_NAMESPACE, dmKey(userId));
  if (known && isDmWith(client.getRoom(known), me, userId)) return client.getRoom(known)!;
  const existing = client.getRooms().find((r) => isDmWith(r, me, userId));
  if (existing) {
    await store.write(STORE_NAMESPACE, dmKey(userId), existing.roomId);
    return existing;
  }
  const { room_id } = await client.createRoom({
    is_direct: true,
    invite: [userId],
    preset: Preset.TrustedPrivateChat,
    initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
  });
  await store.write(STORE_NAMESPACE, dmKey(userId), room_id);
  log.info('tchap.dm_opened', { roomId: room_id, user: userId });
  // Never send before the client knows the room is encrypted: the SDK would send in clear.
  return roomReady(client, room_id, readyMs, true);
}
