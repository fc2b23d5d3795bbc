import { z } from 'zod';
import { SLACK_TEXTS } from './texts.js';
import { parseEnv } from '../../src/index.js';

/** HTTP mode: Slack posts events to us and signs them. Socket Mode: we open a websocket with an app-level token. */
export type SlackConfig = { botToken: string } & (
  | { mode: 'http'; signingSecret: string; port: number }
  | { mode: 'socket'; appToken: string }
);

const botToken = z.string().regex(/^xoxb-\S+$/, SLACK_TEXTS.badBotToken);
const httpSchema = z.object({
  SLACK_BOT_TOKEN: botToken,
  // Slack's signing secrets are 32 hexadecimal characters; only the obvious mistakes are refused here.
  SLACK_SIGNING_SECRET: z.string().regex(/^[0-9a-z]{16,}$/i, SLACK_TEXTS.badSigningSecret),
  SLACK_PORT: z
    .string()
    .regex(/^\d{1,5}$/, SLACK_TEXTS.badPort)
    .transform(Number)
    .pipe(z.number().int().max(65535, SLACK_TEXTS.badPortRange))
    .default(3000),
});
const socketSchema = z.object({
  SLACK_BOT_TOKEN: botToken,
  SLACK_APP_TOKEN: z.string().regex(/^xapp-\S+$/, SLACK_TEXTS.badAppToken),
});

/**
 * Reads the SLACK_* variables: undefined when none is set (Slack is not used),
 * otherwise the settings, or a ConfigError naming the variable and where to find it.
 * Empty variables count as unset, as in a copied `.env.example`.
 */
export function slackConfigFromEnv(env: NodeJS.ProcessEnv): SlackConfig | undefined {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('SLACK_') && v?.trim()) vars[k] = v.trim();
  if (!Object.keys(vars).length) return undefined;
  if (vars.SLACK_APP_TOKEN) {
    const e = parseEnv(socketSchema, vars, SLACK_TEXTS.hints);
    return { mode: 'socket', botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN };
  }
  const e = parseEnv(httpSchema, vars, SLACK_TEXTS.hints);
  return { mode: 'http', botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, port: e.SLACK_PORT };
}
