import { type Choice, type IncomingMessage } from '../../src/index.js';

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
  return text.replace(mentionOf(botId), ' ').replace(/^[\s,:;]+/, '').replace(/[ \t]{2,}/g, ' ').trim();
}

/** A Discord message as the core's IncomingMessage: the guild (or `@me`), the author, the channel or thread. */
export function messageToIncoming(m: MessageLike, botId: string): IncomingMessage {
  return { platform: 'discord', workspace: m.guildId ?? '@me', user: m.author.id, conversation: m.channelId, text: stripBotMention(m.content, botId) };
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
