import { z } from 'zod';
import { DISCORD_TEXTS } from './texts.js';
import { ConfigError } from '../../src/index.js';

const VARIABLES = ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID'] as const;
type Variable = (typeof VARIABLES)[number];

const snowflake = z.string().regex(/^\d{17,20}$/, DISCORD_TEXTS.badSnowflake);

const schema = z
  .object({
    DISCORD_TOKEN: z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, DISCORD_TEXTS.badToken),
    DISCORD_APPLICATION_ID: snowflake,
    DISCORD_GUILD_ID: snowflake.optional(),
  })
  .transform((e) => ({ token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, guildId: e.DISCORD_GUILD_ID }));

/** The Discord settings: the bot token, the application that owns /rupn, and optionally one guild to register it in. */
export type DiscordConfig = z.infer<typeof schema>;

/**
 * Reads the DISCORD_* variables: undefined when none is set, else the settings
 * or a ConfigError naming each wrong variable and where to get it. A variable
 * left blank counts as unset; values never appear in the message.
 */
export function discordConfigFromEnv(env: NodeJS.ProcessEnv): DiscordConfig | undefined {
  const vars: Partial<Record<Variable, string>> = {};
  for (const v of VARIABLES) {
    const value = env[v]?.trim();
    if (value) vars[v] = value;
  }
  if (Object.keys(vars).length === 0) return undefined;
  const parsed = schema.safeParse(vars);
  if (parsed.success) return parsed.data;
  // Not parseEnv: zod 4 leaves `issue.input` out, so it would call every bad value « manquante ».
  const names = parsed.error.issues.map((i) => String(i.path[0]) as Variable);
  const lines = names.map(
    (v, k) => `${v} : ${vars[v] === undefined ? 'variable manquante' : parsed.error.issues[k].message} (${DISCORD_TEXTS.hints[v]})`,
  );
  throw new ConfigError(names[0], '\n' + lines.join('\n'));
}
