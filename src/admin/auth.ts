import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../shared/logger.js';
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/rate-limit';

export const SESSION_COOKIE = 'rupn_admin';

/** Sessions of this process: a random id in an HttpOnly cookie, valid until it expires or the person logs out. */
export class Sessions {
  private readonly live = new Map<string, number>();

  constructor(
    readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  create(): string {
    const id = randomBytes(32).toString('base64url');
    const t = this.now().getTime();
    for (const [k, until] of this.live) if (until <= t) this.live.delete(k);
    this.live.set(id, t + this.ttlMs);
    return id;
  }

  valid(id: string | undefined): boolean {
    if (!id) return false;
    const until = this.live.get(id);
    if (until === undefined) return false;
    if (until <= this.now().getTime()) {
      this.live.delete(id);
      return false;
    }
    return true;
  }

  drop(id: string | undefined): void {
    if (id) this.live.delete(id);
  }
}

/** Compares two tokens in constant time (through their hashes, so lengths do not leak either). */
export function sameToken(given: string, expected: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(given), h(expected));
}

/** Paths open without a session: the login page, the design system's files, `/health`. */
const OPEN = /^\/(connexion|health)(\?|$)|^\/(dsfr|static)\//;

export interface AuthOptions {
  token: string;
  sessions: Sessions;
  logger: Logger;
  /** Wrong tokens allowed per address and window before 429. */
  loginMax: number;
  loginWindowMs: number;
  render: (reply: FastifyReply, view: string, data: Record<string, unknown>, status?: number) => FastifyReply;
}

/** Every page behind the session cookie; the login form (CSRF-protected, rate-limited); logout. */
export function registerAuth(app: FastifyInstance, o: AuthOptions): void {
  const cookieOptions = (maxAgeS: number) => ({ path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto', maxAge: maxAgeS }) as const;

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (OPEN.test(req.url)) return;
    if (o.sessions.valid(req.cookies[SESSION_COOKIE])) return;
    if (req.method === 'GET' || req.method === 'HEAD') return reply.redirect('/connexion', 303);
    return reply.code(401).type('text/plain; charset=utf-8').send('Session expirée : reconnectez-vous sur /connexion.');
  });

  app.get('/connexion', async (req, reply) => {
    if (o.sessions.valid(req.cookies[SESSION_COOKIE])) return reply.redirect('/activite', 303);
    return o.render(reply, 'login', { csrf: reply.generateCsrf() });
  });

  app.post<{ Body: { token?: unknown } }>(
    '/connexion',
    {
      preHandler: app.csrfProtection,
      config: { rateLimit: { max: o.loginMax, timeWindow: o.loginWindowMs } },
    },
    async (req, reply) => {
      const given = typeof req.body?.token === 'string' ? req.body.token : '';
      if (!given || !sameToken(given, o.token)) {
        o.logger.warn('admin.login_refused', { hint: 'jeton incorrect sur la page des opérateurs' });
        return o.render(reply, 'login', { csrf: reply.generateCsrf(), error: 'Jeton incorrect.' }, 401);
      }
      const id = o.sessions.create();
      o.logger.info('admin.login');
      return reply.setCookie(SESSION_COOKIE, id, cookieOptions(Math.floor(o.sessions.ttlMs / 1000))).redirect('/activite', 303);
    },
  );

  app.post('/deconnexion', { preHandler: app.csrfProtection }, async (req, reply) => {
    o.sessions.drop(req.cookies[SESSION_COOKIE]);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/connexion', 303);
  });
}
