import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AdminConfig } from './config.js';
import { buildAdminServer, type AdminDeps } from './server.js';

/** Where the token of a loopback page without `RUPN_ADMIN_TOKEN` is written, readable by its owner only. */
export const LOCAL_TOKEN_FILE = path.join('data', 'admin-token');

/**
 * A fresh token for this run, written to `data/admin-token` (mode 600) so that
 * only someone who can read this machine's files can log in; never printed.
 */
export function localToken(file = LOCAL_TOKEN_FILE): string {
  const token = randomBytes(24).toString('base64url');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/**
 * Starts the operators' page of `npm start`. Resolves with the server and a
 * French line for the operator (where it listens, where the token is);
 * rejects with a French message naming `RUPN_ADMIN_PORT` when it cannot listen.
 */
export async function startAdmin(
  cfg: AdminConfig,
  deps: Omit<AdminDeps, 'token' | 'sessionTtlMs'>,
): Promise<{ app: FastifyInstance; notice: string }> {
  const token = cfg.RUPN_ADMIN_TOKEN ?? localToken();
  const app = await buildAdminServer({ ...deps, token, sessionTtlMs: cfg.RUPN_ADMIN_SESSION_HOURS * 3600e3 });
  try {
    await app.listen({ host: cfg.RUPN_ADMIN_HOST, port: cfg.RUPN_ADMIN_PORT });
  } catch (err) {
    await app.close().catch(() => {});
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'port déjà utilisé' : code === 'EACCES' ? 'port réservé' : (err as Error).message;
    throw new Error(
      `RUPN_ADMIN_PORT : la page des opérateurs ne peut pas écouter sur ${cfg.RUPN_ADMIN_HOST}:${cfg.RUPN_ADMIN_PORT} (${why}) ; choisissez un autre port.`,
    );
  }
  const host = cfg.RUPN_ADMIN_HOST.includes(':') ? `[${cfg.RUPN_ADMIN_HOST}]` : cfg.RUPN_ADMIN_HOST;
  const where = cfg.RUPN_ADMIN_TOKEN ? 'jeton : RUPN_ADMIN_TOKEN' : `jeton de cette session dans ${LOCAL_TOKEN_FILE}`;
  return { app, notice: `Console des opérateurs : http://${host}:${cfg.RUPN_ADMIN_PORT}/ (${where})` };
}
