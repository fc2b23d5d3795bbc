import type { RespondFn } from '@slack/bolt';
import type { Inbound } from '../pipeline.js';
import type { IncomingMessage } from '../../src/index.js';

/** The fields of a Slack `message` or `app_mention` event the adapter reads. */
export interface SlackMessageEvent {
  type?: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  team?: string;
}

/** The fields of a slash command payload the adapter reads. */
export interface SlackCommand {
  team_id: string;
  user_id: string;
  channel_id: string;
  text?: string;
}

/** The fields of a `block_actions` payload the adapter reads. */
export interface SlackBlockActions {
  team?: { id: string } | null;
  user: { id: string; team_id?: string };
  channel?: { id: string };
  container?: { channel_id?: string; is_ephemeral?: boolean; thread_ts?: string };
  message?: { ts?: string; thread_ts?: string };
}

/** Where the answer goes: a channel, and the thread when there is one. */
export interface ReplyTarget {
  channel: string;
  threadTs?: string;
}

/** Where an answer goes: a channel (and thread), or the person alone through Bolt's `respond` (response_url). */
export interface SlackReply extends ReplyTarget {
  respond?: RespondFn;
}

/** What the Bolt listeners hand to the pipeline: the event or payload, and what Bolt knows besides. */
export type SlackRaw =
  | { kind: 'message' | 'mention'; event: SlackMessageEvent; eventId?: string; ctx: EventContext }
  | { kind: 'command'; command: SlackCommand; respond: RespondFn }
  | { kind: 'click'; body: SlackBlockActions; value: string | undefined; respond?: RespondFn };

export interface SlackTurn {
  message: IncomingMessage;
  where: ReplyTarget;
}

/** What the listener knows besides the event: the team from the envelope, the bot's own user id. */
export interface EventContext {
  team?: string;
  botUserId?: string;
}

const PLATFORM = 'slack';
/** Plain messages and the two subtypes that still carry a person's words; edits, joins, deletions are skipped. */
const HANDLED_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);
/** What an empty `/rupn` or a bare mention means. */
const EMPTY_MEANS = 'aide';

const isDirect = (channel: string) => channel.startsWith('D');

/** Removes the bot's own `<@Ubot>` (or `<@Ubot|name>`) from the text; other mentions are left to the core's cleaning. */
export function stripBotMention(text: string, botUserId?: string): string {
  if (!botUserId) return text.trim();
  const id = botUserId.replace(/[^A-Z0-9]/gi, '');
  return text
    .replace(new RegExp(`<@${id}(?:\\|[^>]*)?>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True for what a person typed; false for bots, the bot itself, edits and other system subtypes. */
export function isFromPerson(e: SlackMessageEvent, botUserId?: string): boolean {
  if (!e.user || e.bot_id || e.subtype === 'bot_message') return false;
  if (botUserId && e.user === botUserId) return false;
  return HANDLED_SUBTYPES.has(e.subtype);
}

/** A message in the bot's DM: the conversation is the DM channel; a reply follows the person into a thread. */
export function fromDirectMessage(e: SlackMessageEvent, ctx: EventContext): SlackTurn | undefined {
  if (e.channel_type !== 'im' || !e.channel || !isFromPerson(e, ctx.botUserId)) return undefined;
  return {
    message: {
      platform: PLATFORM,
      workspace: ctx.team ?? e.team ?? '-',
      user: e.user!,
      conversation: e.channel,
      text: stripBotMention(e.text ?? '', ctx.botUserId),
    },
    where: { channel: e.channel, threadTs: e.thread_ts },
  };
}

/** A mention in a channel: the conversation is the thread, and the answer goes into it. */
export function fromMention(e: SlackMessageEvent, ctx: EventContext): SlackTurn | undefined {
  // In a DM the `message.im` event already carries the same words.
  if (!e.channel || !e.ts || isDirect(e.channel) || !isFromPerson(e, ctx.botUserId)) return undefined;
  const root = e.thread_ts ?? e.ts;
  return {
    message: {
      platform: PLATFORM,
      workspace: ctx.team ?? e.team ?? '-',
      user: e.user!,
      conversation: `${e.channel}:${root}`,
      text: stripBotMention(e.text ?? '', ctx.botUserId) || EMPTY_MEANS,
    },
    where: { channel: e.channel, threadTs: root },
  };
}

/** `/rupn …`: the conversation is the channel it was typed in; an empty command asks for help. */
export function fromCommand(c: SlackCommand): SlackTurn {
  return {
    message: {
      platform: PLATFORM,
      workspace: c.team_id,
      user: c.user_id,
      conversation: c.channel_id,
      text: (c.text ?? '').trim() || EMPTY_MEANS,
    },
    where: { channel: c.channel_id },
  };
}

/**
 * A click on a choice button: the choice's value is what the person "says",
 * in the conversation the buttons were posted in (DM, thread, or the channel
 * of an ephemeral `/rupn` answer).
 */
export function fromChoiceClick(body: SlackBlockActions, value: string | undefined): (SlackTurn & { ephemeral: boolean }) | undefined {
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (!channel || value === undefined) return undefined;
  const ephemeral = Boolean(body.container?.is_ephemeral) || !body.message;
  const threadTs = body.message?.thread_ts ?? body.container?.thread_ts;
  const root = threadTs ?? body.message?.ts;
  const conversation = ephemeral || isDirect(channel) || !root ? channel : `${channel}:${root}`;
  return {
    message: { platform: PLATFORM, workspace: body.team?.id ?? body.user.team_id ?? '-', user: body.user.id, conversation, text: value },
    where: { channel, threadTs },
    ephemeral,
  };
}

/**
 * A Slack event or payload for the pipeline. Only events carry an id to claim
 * (Slack retries them); commands and clicks are answered ephemerally when they
 * came from an ephemeral place.
 */
export function toInbound(raw: SlackRaw): Inbound<SlackReply> | undefined {
  switch (raw.kind) {
    case 'message':
    case 'mention': {
      const turn = (raw.kind === 'message' ? fromDirectMessage : fromMention)(raw.event, raw.ctx);
      return turn && { message: turn.message, eventId: raw.eventId, reply: turn.where };
    }
    case 'command': {
      const turn = fromCommand(raw.command);
      return { message: turn.message, reply: { ...turn.where, respond: raw.respond } };
    }
    case 'click': {
      const turn = fromChoiceClick(raw.body, raw.value);
      if (!turn) return undefined;
      return { message: turn.message, reply: turn.ephemeral && raw.respond ? { ...turn.where, respond: raw.respond } : turn.where };
    }
  }
}
