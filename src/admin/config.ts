import { z } from 'zod';
import { ConfigError, parseEnv } from '../shared/config.js';

/** The operators' page variables: off unless `RUPN_ADMIN_PORT` is set. */
export const adminEnvSchema = z.object({
  RUPN_ADMIN_PORT: z.coerce
    .number({ message: 'un numéro de port est attendu (par exemple 8080)' })
    .int('un numéro de port entier est attendu')
    .min(1, 'un port entre 1 et 65535 est attendu')
    .max(65535, 'un port entre 1 et 65535 est attendu')
    .optional(),
  RUPN_ADMIN_HOST: z.string().min(1).default('127.0.0.1'),
  RUPN_ADMIN_TOKEN: z.string().min(16, 'le jeton doit compter au moins 16 caractères (par exemple : openssl rand -hex 24)').optional(),
  RUPN_ADMIN_SESSION_HOURS: z.coerce.number({ message: 'un nombre d’heures est attendu' }).min(0.05).max(168).default(8),
});

export type AdminConfig = z.infer<typeof adminEnvSchema> & { RUPN_ADMIN_PORT: number };

/** Addresses that only this machine can reach. */
export const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host);

/**
 * The operators' page settings, or undefined when `RUPN_ADMIN_PORT` is unset.
 * Throws a ConfigError in French naming the variable when a value is wrong,
 * or when the page would listen beyond this machine without `RUPN_ADMIN_TOKEN`.
 */
export function adminConfig(env: NodeJS.ProcessEnv): AdminConfig | undefined {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => !k.startsWith('RUPN_ADMIN_') || v !== ''));
  const cfg = parseEnv(adminEnvSchema, cleaned);
  if (cfg.RUPN_ADMIN_PORT === undefined) return undefined;
  if (!isLoopback(cfg.RUPN_ADMIN_HOST) && !cfg.RUPN_ADMIN_TOKEN)
    throw new ConfigError(
      'RUPN_ADMIN_TOKEN',
      `variable manquante : la page des opérateurs écouterait sur ${cfg.RUPN_ADMIN_HOST}, au-delà de cette machine ; choisissez un jeton d’au moins 16 caractères (par exemple : openssl rand -hex 24), ou gardez RUPN_ADMIN_HOST=127.0.0.1.`,
    );
  return { ...cfg, RUPN_ADMIN_PORT: cfg.RUPN_ADMIN_PORT };
}
