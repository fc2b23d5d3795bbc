import { z } from 'zod';
import { ConfigError, baseEnvSchema, parseEnv } from '../../src/index.js';

/** What the Tchap adapter needs; secrets stay in here and never reach a log line. */
export interface TchapConfig {
  /** Client-server API base, e.g. https://matrix.agent.education.tchap.gouv.fr */
  homeserverUrl: string;
  /** The bot's Matrix id, e.g. @rupn-bot-ac-bordeaux.fr:agent.education.tchap.gouv.fr */
  userId: string;
  accessToken?: string;
  /** Only for the first login: the token obtained is stored and reused. */
  password?: string;
  /** Homeserver-domain patterns whose users may invite the bot; `*` is one label. */
  allowedDomains: string[];
  /** RUPN_STORE: where the access token obtained by a login is kept. */
  store: string;
}

/** The bot is an ordinary agent account with a functional address, as Tchap's rules for bots ask. */
const ACCOUNT = 'compte Tchap fonctionnel du bot (adresse « …-bot@ac-bordeaux.fr », à revalider tous les 13 mois)';

const HINTS: Record<string, string> = {
  TCHAP_HOMESERVER_URL: 'adresse du serveur Tchap des agents, par exemple https://matrix.agent.education.tchap.gouv.fr',
  TCHAP_USER_ID: `identifiant Matrix du ${ACCOUNT}, de la forme @rupn-bot-ac-bordeaux.fr:agent.education.tchap.gouv.fr`,
  TCHAP_ACCESS_TOKEN: `jeton d’accès du ${ACCOUNT} : Tchap web › Paramètres › Aide et À propos › Avancé, puis fermez l’onglet sans vous déconnecter`,
  TCHAP_PASSWORD: `mot de passe du ${ACCOUNT}, pour une première connexion : le jeton obtenu est conservé dans RUPN_STORE et réutilisé`,
  TCHAP_ALLOWED_DOMAINS: 'liste séparée par des virgules, par exemple agent.*.tchap.gouv.fr (* remplace un seul niveau de domaine)',
};

const DOMAIN_PATTERN = /^(\*|[a-z0-9-]+)(\.(\*|[a-z0-9-]+))+$/i;
const optional = z.string().trim().min(1).optional().catch(undefined);

const schema = z.object({
  TCHAP_HOMESERVER_URL: z.url({ protocol: /^https?$/, error: 'attendu : une adresse https://…' }).transform((u) => u.replace(/\/+$/, '')),
  TCHAP_USER_ID: z.string().trim().regex(/^@[^:\s]+:[a-z0-9.-]+(:\d+)?$/i, 'attendu : @identifiant:serveur'),
  TCHAP_ACCESS_TOKEN: optional,
  TCHAP_PASSWORD: optional,
  TCHAP_ALLOWED_DOMAINS: z
    .string()
    .default('agent.*.tchap.gouv.fr')
    .transform((s) => s.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean))
    .refine((list) => list.length > 0 && list.every((p) => DOMAIN_PATTERN.test(p)), 'motif de domaine invalide'),
  RUPN_STORE: baseEnvSchema.shape.RUPN_STORE,
});

/** Reads the TCHAP_* variables: undefined when none is set, a ConfigError when one is missing or wrong. */
export function tchapConfigFromEnv(env: NodeJS.ProcessEnv): TchapConfig | undefined {
  if (!Object.keys(env).some((k) => k.startsWith('TCHAP_') && env[k]?.trim())) return undefined;
  const e = parseEnv(schema, env, HINTS);
  if (!e.TCHAP_ACCESS_TOKEN && !e.TCHAP_PASSWORD) {
    throw new ConfigError(
      'TCHAP_ACCESS_TOKEN',
      `définissez TCHAP_ACCESS_TOKEN (${HINTS.TCHAP_ACCESS_TOKEN}) ou TCHAP_PASSWORD (pour une première connexion : le jeton obtenu est conservé et réutilisé).`,
    );
  }
  return {
    homeserverUrl: e.TCHAP_HOMESERVER_URL,
    userId: e.TCHAP_USER_ID,
    accessToken: e.TCHAP_ACCESS_TOKEN,
    password: e.TCHAP_PASSWORD,
    allowedDomains: e.TCHAP_ALLOWED_DOMAINS,
    store: e.RUPN_STORE,
  };
}

export const CONFIG_HINTS = HINTS;
