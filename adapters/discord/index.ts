import { once } from 'node:events';
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  InteractionContextType,
  type Interaction,
  type Message,
  MessageFlags,
  Partials,
  Routes,
  SlashCommandBuilder,
} from 'discord.js';
import type { PlatformModule } from '../platform.js';
import { type DiscordConfig, discordConfigFromEnv } from './config.js';
import { choiceFromCustomId, interactionToIncoming, messageToIncoming, shouldAnswer } from './map.js';
import { type DiscordPayload, noMentions, quoteOf, renderReply, textPayload } from './render.js';
import { DT } from './texts.js';
import { RATE_LIMIT_NOTICE, RateLimiter, memoryStore, type Adapter, type IncomingMessage, type Logger, type StateStore, type TurnHandler } from '../../src/index.js';

export type { DiscordConfig } from './config.js';

export const COMMAND = 'rupn';

export interface DiscordAdapterOptions {
  /** REST settings handed to discord.js (tests point `api` at a local fake). */
  rest?: ClientOptions['rest'];
  limiter?: RateLimiter;
  /** Where each message and interaction is claimed, so that instances sharing Redis answer it once. */
  store?: StateStore;
}

/** How long a handled message id is remembered. */
const CLAIM_MS = 60 * 60_000;

/** The slash command `/rupn question:<texte>`. */
export function rupnCommand() {
  return new SlashCommandBuilder()
    .setName(COMMAND)
    .setDescription(DT.commandDescription)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) => o.setName('question').setDescription(DT.questionDescription).setRequired(true).setMaxLength(1000))
    .toJSON();
}

/** The Discord bot: DMs, mentions in guild channels and threads, `/rupn`, and buttons for choices. */
export class DiscordAdapter implements Adapter {
  readonly name = 'discord';
  private client?: Client;
  private readonly log: Logger;
  private readonly limiter: RateLimiter;
  /** One turn at a time per person and conversation, so flow state is never raced. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly claims: StateStore;

  constructor(
    private readonly config: DiscordConfig,
    private readonly assistant: TurnHandler,
    logger: Logger,
    private readonly opts: DiscordAdapterOptions = {},
  ) {
    this.log = logger.child('discord');
    this.limiter = opts.limiter ?? new RateLimiter();
    this.claims = opts.store ?? memoryStore();
  }

  async start(): Promise<void> {
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent],
      partials: [Partials.Channel],
      allowedMentions: noMentions(),
      failIfNotExists: false,
      ...(this.opts.rest ? { rest: this.opts.rest } : {}),
    });
    this.client = client;
    client.on(Events.MessageCreate, (m) => void this.onMessage(m));
    client.on(Events.InteractionCreate, (i) => void this.onInteraction(i));
    client.on(Events.Error, (err) => this.log.error('discord.client_error', { err }));
    const ready = once(client, Events.ClientReady);
    try {
      await Promise.all([client.login(this.config.token), ready]);
    } catch (err) {
      const message = String((err as Error).message);
      if (/disallowed intents/i.test(message)) throw new Error(DT.intentsRefused);
      if ((err as { code?: string }).code === 'TokenInvalid' || /authentication failed/i.test(message)) throw new Error(DT.loginRefused);
      throw err;
    }
    await this.registerCommand(client);
    this.log.info('discord.ready', { bot: client.user?.id, guilds: client.guilds.cache.size });
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
    await this.client?.destroy();
    this.client = undefined;
  }

  /** Registers /rupn in the configured guild (available at once) or globally; the bot still answers messages if this fails. */
  private async registerCommand(client: Client): Promise<void> {
    const { applicationId, guildId } = this.config;
    const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
    try {
      await client.rest.put(route, { body: [rupnCommand()] });
      this.log.info('discord.command_registered', { scope: guildId ? 'guild' : 'global' });
    } catch (err) {
      this.log.error('discord.command_register_failed', { err, hint: DT.registerFailed });
    }
  }

  private async onMessage(message: Message): Promise<void> {
    const botId = this.client?.user?.id;
    if (!botId || !shouldAnswer(message, botId)) return;
    if (!(await this.claims.claim('discord-events', message.id, CLAIM_MS))) return;
    const incoming = messageToIncoming(message, botId);
    const verdict = this.limiter.check(incoming.user);
    if (verdict === 'drop') return;
    await this.serial(incoming, 'message', async () => {
      const payloads = verdict === 'notice' ? [textPayload(RATE_LIMIT_NOTICE)] : await this.turn(incoming);
      await this.sendToChannel(message, payloads);
    }, () => this.sendToChannel(message, [textPayload(DT.error)]));
  }

  /** In a guild the first message replies to the person's (it shows what it answers); the rest follow in the channel or thread. */
  private async sendToChannel(message: Message, payloads: DiscordPayload[]): Promise<void> {
    if (!message.channel.isSendable()) return;
    for (const [k, p] of payloads.entries()) {
      if (k === 0 && message.inGuild()) await message.reply(p);
      else await message.channel.send(p);
    }
  }

  private async onInteraction(i: Interaction): Promise<void> {
    try {
      if (!(await this.claims.claim('discord-events', i.id, CLAIM_MS))) return;
      if (i.isChatInputCommand() && i.commandName === COMMAND) await this.onCommand(i);
      else if (i.isButton()) {
        const text = choiceFromCustomId(i.customId);
        if (text !== undefined) await this.onChoice(i, text);
      }
    } catch (err) {
      this.log.error('discord.interaction_failed', { err });
    }
  }

  private async onCommand(i: ChatInputCommandInteraction): Promise<void> {
    const incoming = interactionToIncoming(i, i.options.getString('question', true));
    // A command must be answered, even a dropped one: else Discord shows « L’application ne répond plus ».
    if (this.limiter.check(incoming.user) !== 'ok') {
      await i.reply({ ...textPayload(RATE_LIMIT_NOTICE), flags: MessageFlags.Ephemeral });
      return;
    }
    await i.deferReply();
    await this.serial(incoming, 'command', async () => {
      const [first, ...rest] = await this.turn(incoming, quoteOf(incoming.text));
      await i.editReply(first ?? textPayload(DT.error));
      for (const p of rest) await i.followUp(p);
    }, () => i.editReply(textPayload(DT.error)));
  }

  private async onChoice(i: ButtonInteraction, text: string): Promise<void> {
    const incoming = interactionToIncoming(i, text);
    const verdict = this.limiter.check(incoming.user);
    if (verdict === 'notice') {
      await i.reply({ ...textPayload(RATE_LIMIT_NOTICE), flags: MessageFlags.Ephemeral });
      return;
    }
    // Acknowledge within Discord's 3 seconds, whatever the turn takes.
    await i.deferUpdate();
    if (verdict === 'drop') return;
    await this.serial(incoming, 'button', async () => {
      for (const p of await this.turn(incoming, quoteOf(text))) await i.followUp(p);
    }, () => i.followUp(textPayload(DT.error)));
  }

  private async turn(incoming: IncomingMessage, header = ''): Promise<DiscordPayload[]> {
    return renderReply(await this.assistant.handle(incoming), header);
  }

  /** Runs `task` after the person's previous turn in that conversation; logs a failure (ids only) and tells the person. */
  private serial(incoming: IncomingMessage, kind: string, task: () => Promise<void>, onError: () => Promise<unknown>): Promise<void> {
    const key = `${incoming.user}|${incoming.conversation}`;
    const run = (this.queues.get(key) ?? Promise.resolve()).then(task).catch(async (err: unknown) => {
      this.log.error('discord.turn_failed', { kind, err, guild: incoming.workspace, channel: incoming.conversation });
      await onError().catch((e: unknown) => this.log.error('discord.error_reply_failed', { kind, err: e }));
    });
    this.queues.set(key, run);
    void run.finally(() => {
      if (this.queues.get(key) === run) this.queues.delete(key);
    });
    return run;
  }
}

export const discord: PlatformModule<DiscordConfig> = {
  name: 'discord',
  fromEnv: discordConfigFromEnv,
  create: (config, assistant, logger, deps) => new DiscordAdapter(config, assistant, logger, { store: deps.store }),
};
