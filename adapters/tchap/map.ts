import type { Inbound } from '../pipeline.js';
import type { IncomingMessage } from '../../src/index.js';

/**
 * Pure conversions from Matrix events to core messages: no SDK, no network.
 * Events are plain JSON here so the rules can be tested on their own.
 */

export interface RawMessageEvent {
  type: string;
  sender: string;
  content: Record<string, unknown>;
}

export interface RoomContext {
  roomId: string;
  /** Joined members, the bot included: more than 2 makes a group room. */
  joinedMembers: number;
  botUserId: string;
  /** The bot's display names (global and in this room), to spot a mention. */
  botNames: string[];
  /** Whether an event id is one of the bot's own messages (a reply to the bot addresses it). */
  isBotEvent: (eventId: string) => boolean;
  /** Whether the bot can open an encrypted direct conversation (its encryption module is on): reminders and digests go there. */
  canWriteFirst?: boolean;
}

/** `@alice:agent.education.tchap.gouv.fr` → `agent.education.tchap.gouv.fr` (port dropped). */
export function serverOf(mxid: string): string {
  const i = mxid.indexOf(':');
  return i < 0
    ? ''
    : mxid
        .slice(i + 1)
        .replace(/:\d+$/, '')
        .toLowerCase();
}

/** `agent.*.tchap.gouv.fr` matches `agent.education.tchap.gouv.fr`: a `*` stands for exactly one label. */
export function domainMatches(domain: string, pattern: string): boolean {
  const d = domain.toLowerCase().split('.');
  const p = pattern.toLowerCase().split('.');
  return d.length === p.length && p.every((label, i) => (label === '*' ? /^[a-z0-9-]+$/.test(d[i]) : label === d[i]));
}

/** Whether a user of this server may invite the bot. */
export function isAllowedUser(mxid: string, patterns: string[]): boolean {
  const server = serverOf(mxid);
  return server !== '' && patterns.some((p) => domainMatches(server, p));
}

/**
 * Another bot, as far as one can tell: bots post `m.notice` by convention, and
 * functional accounts are named `…-bot@…` (localpart `…-bot-ac-….fr`).
 */
export function looksLikeBot(ev: RawMessageEvent): boolean {
  const localpart = ev.sender.slice(1).split(':')[0].toLowerCase();
  return ev.content.msgtype === 'm.notice' || /(^|-)bot(-|$)/.test(localpart);
}

interface Relation {
  rel_type?: string;
  event_id?: string;
  is_falling_back?: boolean;
  'm.in_reply_to'?: { event_id?: string };
}

const relationOf = (content: Record<string, unknown>): Relation => (content['m.relates_to'] as Relation | undefined) ?? {};

/** The thread root of a message posted in a thread, if any. */
export function threadRootOf(content: Record<string, unknown>): string | undefined {
  const r = relationOf(content);
  return r.rel_type === 'm.thread' && typeof r.event_id === 'string' ? r.event_id : undefined;
}

/** The event a message replies to (a genuine reply, not a thread's fallback). */
function replyTarget(content: Record<string, unknown>): string | undefined {
  const r = relationOf(content);
  if (r.rel_type === 'm.thread' && r.is_falling_back) return undefined;
  return r['m.in_reply_to']?.event_id;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches a name as a whole word, with an optional `@` before it. */
const nameRegExp = (name: string) => new RegExp(`(^|[\\s,;:(<«])@?${escapeRegExp(name)}(?=$|[\\s,;:.!?)>»])`, 'giu');

function usableNames(ctx: RoomContext): string[] {
  return [...new Set(ctx.botNames.map((n) => n.trim()).filter((n) => n.length >= 3))];
}

/** Whether a group-room message is meant for the bot: a mention (pill or name) or a reply to it. */
export function isAddressed(content: Record<string, unknown>, ctx: RoomContext): boolean {
  const body = typeof content.body === 'string' ? content.body : '';
  const html = typeof content.formatted_body === 'string' ? content.formatted_body : '';
  const mentions = content['m.mentions'] as { user_ids?: unknown } | undefined;
  if (Array.isArray(mentions?.user_ids) && mentions.user_ids.includes(ctx.botUserId)) return true;
  const id = ctx.botUserId.toLowerCase();
  if (body.toLowerCase().includes(id) || html.toLowerCase().includes(id) || html.includes(encodeURIComponent(ctx.botUserId))) return true;
  if (usableNames(ctx).some((n) => nameRegExp(n).test(body))) return true;
  const target = replyTarget(content);
  return target !== undefined && ctx.isBotEvent(target);
}

/** Drops the quoted lines a client puts before a reply (`> <@x:y> …`), then the bot's name and id. */
export function cleanText(content: Record<string, unknown>, ctx: RoomContext): string {
  let text = typeof content.body === 'string' ? content.body : '';
  if (relationOf(content)['m.in_reply_to']) text = text.replace(/^(>[^\n]*\n)+\n?/, '');
  text = text.replace(new RegExp(`@?${escapeRegExp(ctx.botUserId)}`, 'gi'), ' ');
  for (const n of usableNames(ctx)) text = text.replace(nameRegExp(n), '$1');
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/^[\s,;:]+/, '')
    .trim();
}

/**
 * A live `m.room.message` → the core's message, or undefined when the bot must
 * stay silent: its own or another bot's message, an edit, a non-text message,
 * or a group-room message not addressed to it.
 */
export function toIncoming(ev: RawMessageEvent, ctx: RoomContext): IncomingMessage | undefined {
  if (ev.type !== 'm.room.message' || ev.sender === ctx.botUserId || looksLikeBot(ev)) return undefined;
  const { content } = ev;
  if (content.msgtype !== 'm.text' || typeof content.body !== 'string') return undefined;
  if (relationOf(content).rel_type === 'm.replace') return undefined;
  if (ctx.joinedMembers > 2 && !isAddressed(content, ctx)) return undefined;
  const root = threadRootOf(content);
  return {
    platform: 'tchap',
    workspace: serverOf(ctx.botUserId) || '-',
    user: ev.sender,
    conversation: root ? `${ctx.roomId}:${root}` : ctx.roomId,
    text: cleanText(content, ctx),
    ...(ctx.canWriteFirst === false ? { canWriteFirst: false } : {}),
  };
}

/** A live message event with its room, as the timeline listener hands it to the pipeline. */
export interface TchapRaw {
  event: RawMessageEvent;
  eventId?: string;
  room: RoomContext;
}

/** Where an answer goes: the room, and the thread the message was posted in. */
export interface TchapReply {
  roomId: string;
  thread?: string;
}

/** A message event for the pipeline; its id is claimed, since every instance syncs the same account. */
export function toInbound({ event, eventId, room }: TchapRaw): Inbound<TchapReply> | undefined {
  const message = toIncoming(event, room);
  if (!message) return undefined;
  return { message, eventId, reply: { roomId: room.roomId, thread: threadRootOf(event.content) } };
}
