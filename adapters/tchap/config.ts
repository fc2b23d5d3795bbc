import { z } from 'zod';
import { TCHAP_TEXTS } from './texts.js';
import { ConfigError, baseEnvSchema, parseEnv } from '../../src/index.js';

/** What the Tchap adapter needs; secrets stay in here and never reach a log line. */
export interface TchapConfig {
  /** Client-server API base, e.g. https://matrix.agent.education.tchap.gouv.fr */
  homeserverUrl: string;
  /** The bot's Matrix id, e.g. @rupn-bot-ac-….fr:agent.education.tchap.gouv.fr */
  userId: string;
  accessToken?: string;
  /** Only for the first login: the token obtained is stored and reused. */
  password?: string;
  /** Homeserver-domain patterns whose users may invite the bot; `*` is one label. */
  allowedDomains: string[];
  /** RUPN_STORE: where the access token obtained by a login is kept. */
  store: string;
  /** End-to-end encryption, on when a passphrase is given: the crypto state's file and the passphrase protecting it. */
  crypto?: { file: string; passphrase: string };
}

const HINTS = TCHAP_TEXTS.hints;

const DOMAIN_PATTERN = /^(\*|[a-z0-9-]+)(\.(\*|[a-z0-9-]+))+$/i;
const optional = z.string().trim().min(1).optional().catch(undefined);

const schema = z.object({
  TCHAP_HOMESERVER_URL: z.url({ protocol: /^https?$/, error: TCHAP_TEXTS.badUrl }).transform((u) => u.replace(/\/+$/, '')),
  TCHAP_USER_ID: z
    .string()
    .trim()
    .regex(/^@[^:\s]+:[a-z0-9.-]+(:\d+)?$/i, TCHAP_TEXTS.badUserId),
  TCHAP_ACCESS_TOKEN: optional,
  TCHAP_PASSWORD: optional,
  TCHAP_ALLOWED_DOMAINS: z
    .string()
    .default('agent.*.tchap.gouv.fr')
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine((list) => list.length > 0 && list.every((p) => DOMAIN_PATTERN.test(p)), TCHAP_TEXTS.badDomain),
  // Blank means unset: encryption off.
  TCHAP_CRYPTO_PASSPHRASE: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, TCHAP_TEXTS.shortPassphrase).optional()),
  TCHAP_CRYPTO_FILE: z.string().trim().min(1).default('data/tchap-crypto.bin'),
  RUPN_STORE: baseEnvSchema.shape.RUPN_STORE,
});

/** Reads the TCHAP_* variables: undefined when none is set, a ConfigError when one is missing or wrong. */
export function tchapConfigFromEnv(env: NodeJS.ProcessEnv): TchapConfig | undefined {
  if (!Object.keys(env).some((k) => k.startsWith('TCHAP_') && env[k]?.trim())) return undefined;
  const e = parseEnv(schema, env, HINTS);
  if (!e.TCHAP_ACCESS_TOKEN && !e.TCHAP_PASSWORD) {
    throw new ConfigError('TCHAP_ACCESS_TOKEN', TCHAP_TEXTS.tokenOrPassword(HINTS.TCHAP_ACCESS_TOKEN));
  }
  return {
    homeserverUrl: e.TCHAP_HOMESERVER_URL,
    userId: e.TCHAP_USER_ID,
    accessToken: e.TCHAP_ACCESS_TOKEN,
    password: e.TCHAP_PASSWORD,
    allowedDomains: e.TCHAP_ALLOWED_DOMAINS,
    store: e.RUPN_STORE,
    crypto: e.TCHAP_CRYPTO_PASSPHRASE ? { file: e.TCHAP_CRYPTO_FILE, passphrase: e.TCHAP_CRYPTO_PASSPHRASE } : undefined,
  };
}
