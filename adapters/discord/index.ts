import { once } from 'node:events';
import {
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  InteractionContextType,
  Partials,
  REST,
  Routes,
  SlashCommandBuilder,
} from 'discord.js';
import { InboundPipeline } from '../pipeline.js';
import type { PlatformModule } from '../platform.js';
import { type DiscordConfig, discordConfigFromEnv } from './config.js';
import { COMMAND, toInbound, type DiscordRaw, type DiscordReply } from './map.js';
import { type DiscordPayload, noMentions, renderDiscord } from './render.js';
import { DISCORD_TEXTS } from './texts.js';
import { DiscordTransport } from './transport.js';
import {
  adapterHealth,
  type RateLimiter,
  memoryStore,
  type Adapter,
  type Address,
  type Logger,
  type OutgoingMessage,
  type SendResult,
  type StateStore,
  type TurnHandler,
} from '../../src/index.js';

export type { DiscordConfig } from './config.js';
export { COMMAND } from './map.js';

export interface DiscordAdapterOptions {
  /** The académie's display name, such as « l’académie de … », for the command's description. */
  academie: string;
  /** REST settings handed to discord.js (tests point `api` at a local fake). */
  rest?: ClientOptions['rest'];
  limiter?: RateLimiter;
  /** Where each message and interaction is claimed, so that instances sharing Redis answer it once. */
  store?: StateStore;
}

/** Discord's limit on a command description. */
const DESCRIPTION_MAX = 100;

/** The slash command `/rupn question:<texte>`. */
export function rupnCommand(academie: string) {
  const description = DISCORD_TEXTS.commandDescription(academie);
  return new SlashCommandBuilder()
    .setName(COMMAND)
    .setDescription(description.length <= DESCRIPTION_MAX ? description : description.slice(0, DESCRIPTION_MAX - 1) + '…')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) => o.setName('question').setDescription(DISCORD_TEXTS.questionDescription).setRequired(true).setMaxLength(1000))
    .toJSON();
}

/** The Discord bot: DMs, mentions in guild channels and threads, `/rupn`, and buttons for choices. */
export class DiscordAdapter implements Adapter {
  readonly name = 'discord';
  private client?: Client;
  private readonly transport: DiscordTransport;
  private readonly pipeline: InboundPipeline<DiscordRaw, DiscordReply, DiscordPayload>;

  constructor(
    private readonly config: DiscordConfig,
    assistant: TurnHandler,
    private readonly log: Logger,
    private readonly opts: DiscordAdapterOptions,
  ) {
    // Sending on its own initiative: no retry and no queueing behind a rate limit here, the caller is told when to try again.
    const outbound = new REST({ ...opts.rest, retries: 0, offset: 0, rejectOnRateLimit: () => true }).setToken(config.token);
    this.transport = new DiscordTransport(outbound);
    this.pipeline = new InboundPipeline(
      { name: 'discord', map: (raw) => toInbound(raw, this.client?.user?.id), render: renderDiscord, transport: this.transport },
      { assistant, store: opts.store ?? memoryStore(), logger: log, limiter: opts.limiter },
    );
  }

  async start(): Promise<void> {
    const client = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.DirectMessages,
        GatewayIntentBits.MessageContent,
      ],
      partials: [Partials.Channel],
      allowedMentions: noMentions(),
      failIfNotExists: false,
      ...(this.opts.rest ? { rest: this.opts.rest } : {}),
    });
    this.client = client;
    client.on(Events.MessageCreate, (message) => void this.pipeline.receive({ kind: 'message', message }));
    client.on(Events.InteractionCreate, (interaction) => void this.pipeline.receive({ kind: 'interaction', interaction }));
    client.on(Events.Error, (err) => {
      adapterHealth.error('discord', err);
      this.log.error('discord.client_error', { err });
    });
    client.on(Events.ShardDisconnect, () => adapterHealth.connected('discord', false));
    client.on(Events.ShardResume, () => adapterHealth.connected('discord'));
    const ready = once(client, Events.ClientReady);
    try {
      await Promise.all([client.login(this.config.token), ready]);
    } catch (err) {
      const message = String((err as Error).message);
      if (/disallowed intents/i.test(message)) throw new Error(DISCORD_TEXTS.intentsRefused);
      if ((err as { code?: string }).code === 'TokenInvalid' || /authentication failed/i.test(message))
        throw new Error(DISCORD_TEXTS.loginRefused);
      throw err;
    }
    await this.registerCommand(client);
    this.log.info('discord.ready', { bot: client.user?.id, guilds: client.guilds.cache.size });
  }

  /** Waits for the answers being written, then leaves the gateway. */
  async stop(): Promise<void> {
    await this.settled();
    await this.client?.destroy();
    this.client = undefined;
  }

  /** Resolves once every message and interaction received so far has been handled. */
  settled(): Promise<void> {
    return this.pipeline.settled();
  }

  /** A DM to a person (through their DM channel), a post in a channel or thread; rate limits come back as `retry`. */
  send(address: Address, message: OutgoingMessage): Promise<SendResult> {
    return this.transport.send(address, renderDiscord(message));
  }

  /** Registers /rupn in the configured guild (available at once) or globally; the bot still answers messages if this fails. */
  private async registerCommand(client: Client): Promise<void> {
    const { applicationId, guildId } = this.config;
    const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
    try {
      await client.rest.put(route, { body: [rupnCommand(this.opts.academie)] });
      this.log.info('discord.command_registered', { scope: guildId ? 'guild' : 'global' });
    } catch (err) {
      this.log.error('discord.command_register_failed', { err, hint: DISCORD_TEXTS.registerFailed });
    }
  }
}

export const discord: PlatformModule<DiscordConfig> = {
  name: 'discord',
  fromEnv: discordConfigFromEnv,
  create: (config, assistant, logger, deps) =>
    new DiscordAdapter(config, assistant, logger, { store: deps.store, academie: deps.academie }),
};
