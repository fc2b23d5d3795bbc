import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { Eta } from 'eta';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Engine } from '../core/engine.js';
import { adapterHealth, type HealthRegistry } from '../shared/health.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import type { TurnHandler } from '../shared/types.js';
import type { StateStore } from '../state/store.js';
import { registerAuth, Sessions } from './auth.js';
import { healthReport } from './health-data.js';
import { registerPages } from './pages.js';

/** What the operators' page reads; it writes nothing but its own health probe. */
export interface AdminDeps {
  store: StateStore;
  engine: Engine;
  /** The login token (compared in constant time, never shown nor logged). */
  token: string;
  logger?: Logger;
  now?: () => Date;
  registry?: HealthRegistry;
  startedAt?: Date;
  /** How long the knowledge took to load at start, for « Santé ». */
  knowledgeLoadMs?: number;
  sessionTtlMs?: number;
  /** Login attempts allowed per address in `loginWindowMs` (default 10 a minute): wrong tokens cannot be tried fast. */
  loginMax?: number;
  loginWindowMs?: number;
  /** The engine answering now, when a reload may replace `engine` (the page then reads the new one). */
  currentEngine?: () => Engine;
  /** An assistant on a throwaway store with the engine given, for « Essayer une question » (built on first use, again after a reload). */
  sandbox?: (engine: Engine) => TurnHandler;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** Templates and stylesheet sit beside this file (`npm run build` copies them into `dist/src/admin`; else they are read from `src/admin`). */
const assets = fs.existsSync(path.join(here, 'views')) ? here : path.resolve(here, '..', '..', '..', 'src', 'admin');
const dsfrDist = path.join(path.dirname(createRequire(import.meta.url).resolve('@gouvfr/dsfr/package.json')), 'dist');

/** The nav of every page: path and label. */
export const PANELS = [
  { path: '/activite', label: 'Activité' },
  { path: '/questions', label: 'Questions sans réponse' },
  { path: '/connaissances', label: 'Connaissances' },
  { path: '/envois', label: 'Envois' },
  { path: '/sante', label: 'Santé' },
] as const;

/** Builds the operators' page (not listening yet): DSFR look, server-rendered, every page behind a session. */
export async function buildAdminServer(deps: AdminDeps): Promise<FastifyInstance> {
  const log = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const engine = deps.currentEngine ?? (() => deps.engine);
  const startedAt = deps.startedAt ?? now();
  const registry = deps.registry ?? adapterHealth;
  // Fastify's own request log is off: a login body or a cookie must never reach a log line
  const app = Fastify({ logger: false, trustProxy: false, bodyLimit: 64 * 1024 });
  const eta = new Eta({ views: path.join(assets, 'views'), cache: true, autoEscape: true });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null, 'script-src': ["'self'"] } },
    hsts: false,
  });
  await app.register(fastifyCookie, { secret: randomBytes(32).toString('hex') });
  await app.register(fastifyCsrf, { cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', signed: true } });
  await app.register(fastifyFormbody);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyStatic, { root: dsfrDist, prefix: '/dsfr/', maxAge: '1d' });
  await app.register(fastifyStatic, { root: path.join(assets, 'public'), prefix: '/static/', decorateReply: false });

  const render = (reply: FastifyReply, view: string, data: Record<string, unknown>, status = 200) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(eta.render(view, { panels: PANELS, current: '', csrf: '', ...data }));

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.statusCode === 429)
      return render(reply, 'login', { error: 'Trop de tentatives : réessayez dans une minute.', csrf: reply.generateCsrf() }, 429);
    if (err.code?.startsWith('FST_CSRF'))
      return render(
        reply,
        'error',
        { title: 'Formulaire expiré', message: 'Le formulaire a expiré ou ne vient pas de cette page : rechargez la page et recommencez.' },
        403,
      );
    if ((err.statusCode ?? 500) < 500)
      return reply
        .code(err.statusCode ?? 400)
        .type('text/plain; charset=utf-8')
        .send('Requête invalide.');
    log.error('admin.request_failed', { route: req.routeOptions.url, err });
    return render(reply, 'error', { title: 'Erreur', message: 'La page n’a pas pu être construite ; le détail est dans le journal.' }, 500);
  });
  app.setNotFoundHandler((_req, reply) =>
    render(reply, 'error', { title: 'Page introuvable', message: 'Cette adresse ne correspond à aucune page de la console.' }, 404),
  );

  const sessions = new Sessions(deps.sessionTtlMs ?? 8 * 3600e3, now);
  registerAuth(app, {
    token: deps.token,
    sessions,
    logger: log,
    loginMax: deps.loginMax ?? 10,
    loginWindowMs: deps.loginWindowMs ?? 60_000,
    render,
  });

  const health = () =>
    healthReport({ store: deps.store, kb: engine().kb, registry, startedAt, knowledgeLoadMs: deps.knowledgeLoadMs, now });
  app.get('/health', async (_req, reply) => {
    const report = await health();
    return reply
      .code(report.store.reachable ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(report);
  });
  registerPages(app, { ...deps, engine, now, render, health });
  return app;
}

/** Starts the page on `host:port`; resolves with its address. */
export async function startAdminServer(app: FastifyInstance, host: string, port: number): Promise<string> {
  return app.listen({ host, port });
}
