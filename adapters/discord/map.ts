import type { ButtonInteraction, ChatInputCommandInteraction, Interaction, Message } from 'discord.js';
import type { Inbound } from '../pipeline.js';
import type { Choice, IncomingMessage } from '../../src/index.js';

/** Where a message came from, as the adapter needs it; discord.js `Message` fits. */
export interface MessageLike {
  guildId: string | null;
  channelId: string;
  content: string;
  system: boolean;
  author: { id: string; bot: boolean };
  mentions: { users: { has(id: string): boolean } };
}

/** Who and where for an interaction; discord.js interactions fit. */
export interface InteractionLike {
  guildId: string | null;
  channelId: string | null;
  user: { id: string };
}

/** The slash command's name: `/rupn question:<texte>`. */
export const COMMAND = 'rupn';
export const CHOICE_PREFIX = 'rupn:';
const CUSTOM_ID_MAX = 100;
const VALUE_MAX = 90;

const mentionOf = (botId: string) => new RegExp(`<@!?${botId.replace(/\D/g, '')}>\\s*[,:;]?`, 'g');

/** Answer direct messages, and guild messages that mention the bot; never bots (itself included) or system messages. */
export function shouldAnswer(m: MessageLike, botId: string): boolean {
  if (m.author.bot || m.author.id === botId || m.system) return false;
  return m.guildId === null || m.mentions.users.has(botId) || mentionOf(botId).test(m.content);
}

/** The text without the bot's own `<@id>` / `<@!id>` mention and the punctuation that followed it. */
export function stripBotMention(text: string, botId: string): string {
  return text
    .replace(mentionOf(botId), ' ')
    .replace(/^[\s,:;]+/, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** A Discord message as the core's IncomingMessage: the guild (or `@me`), the author, the channel or thread. */
export function messageToIncoming(m: MessageLike, botId: string): IncomingMessage {
  return {
    platform: 'discord',
    workspace: m.guildId ?? '@me',
    user: m.author.id,
    conversation: m.channelId,
    text: stripBotMention(m.content, botId),
  };
}

/** A slash command or button click as the core's IncomingMessage, with the text it stands for. */
export function interactionToIncoming(i: InteractionLike, text: string): IncomingMessage {
  return { platform: 'discord', workspace: i.guildId ?? '@me', user: i.user.id, conversation: i.channelId ?? `@me:${i.user.id}`, text };
}

/**
 * A button's custom id, `rupn:<index>:<text>`, carrying the text to send back so
 * that clicks need no stored state: the value when it fits, else the label.
 */
export function choiceCustomId(index: number, choice: Choice): string {
  const text = choice.value.length <= VALUE_MAX ? choice.value : choice.label;
  return `${CHOICE_PREFIX}${index}:${text}`.slice(0, CUSTOM_ID_MAX);
}

/** The text a button stands for, or undefined when the custom id is not one of ours. */
export function choiceFromCustomId(customId: string): string | undefined {
  return /^rupn:\d+:([\s\S]*)$/.exec(customId)?.[1];
}

/** What the gateway listeners hand to the pipeline. */
export type DiscordRaw = { kind: 'message'; message: Message } | { kind: 'interaction'; interaction: Interaction };

/** How an answer goes back: after a message, or through an interaction (with what was asked, quoted in the answer). */
export type DiscordReply =
  | { kind: 'message'; message: Message }
  | { kind: 'command'; interaction: ChatInputCommandInteraction; asked: string }
  | { kind: 'button'; interaction: ButtonInteraction; asked: string };

/**
 * A gateway event for the pipeline: DMs and mentions (never bots or itself),
 * `/rupn` (which Discord shows as failed unless answered) and our buttons.
 * Message and interaction ids are claimed, so instances sharing a store answer once.
 */
export function toInbound(raw: DiscordRaw, botId: string | undefined): Inbound<DiscordReply> | undefined {
  if (raw.kind === 'message') {
    const m = raw.message;
    if (!botId || !shouldAnswer(m, botId)) return undefined;
    return { message: messageToIncoming(m, botId), eventId: m.id, reply: { kind: 'message', message: m } };
  }
  const i = raw.interaction;
  if (i.isChatInputCommand() && i.commandName === COMMAND) {
    const asked = i.options.getString('question') ?? '';
    return {
      message: interactionToIncoming(i, asked),
      eventId: i.id,
      reply: { kind: 'command', interaction: i, asked },
      needsAnswer: true,
    };
  }
  if (i.isButton()) {
    const asked = choiceFromCustomId(i.customId);
    if (asked === undefined) return undefined;
    return { message: interactionToIncoming(i, asked), eventId: i.id, reply: { kind: 'button', interaction: i, asked } };
  }
  return undefined;
}
