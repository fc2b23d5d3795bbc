import type { FastifyInstance, FastifyReply } from 'fastify';
import { explainQuestion } from '../core/explain.js';
import type { Engine } from '../core/engine.js';
import { parisDate } from '../schedule/time.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import type { Niveau, TurnHandler, TurnResult } from '../shared/types.js';
import type { StateStore } from '../state/store.js';
import { activityPanel } from './activity-data.js';
import { barChart } from './charts.js';
import { gapsPanel } from './gaps-data.js';
import type { HealthReport } from './health-data.js';
import { knowledgePanel } from './knowledge-data.js';
import { messageHtml } from './render.js';
import { digestPreview, JOB_LABELS, sendsPanel, STATUS_LABELS } from './sends-data.js';

interface PageDeps {
  store: StateStore;
  /** The engine answering now: a reload of the knowledge replaces it. */
  engine: () => Engine;
  logger?: Logger;
  now: () => Date;
  /** The assistant of « Essayer une question », on a throwaway store, with the engine given. */
  sandbox?: (engine: Engine) => TurnHandler;
  render: (reply: FastifyReply, view: string, data: Record<string, unknown>, status?: number) => FastifyReply;
  health: () => Promise<HealthReport>;
}

const frDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;
const frDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const pct = (x: number) => `${Math.round(x * 100)} %`;
const niveauOf = (v: unknown): Niveau | undefined => (v === 'college' || v === 'lycee' ? v : undefined);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The five panels; each reads the store when asked, nothing is cached but `kb:lint`'s warnings. */
export function registerPages(app: FastifyInstance, d: PageDeps): void {
  const { store } = d;
  const log = d.logger ?? silentLogger;
  const today = () => parisDate(d.now());
  const helpers = { frDay, frDate, pct, JOB_LABELS, STATUS_LABELS };
  // the throwaway assistant of « Essayer une question », built again when a reload replaced the engine
  let sandbox: { engine: Engine; handler: TurnHandler } | undefined;

  app.get('/', async (_req, reply) => reply.redirect('/activite', 303));

  app.get('/activite', async (_req, reply) => {
    const a = await activityPanel(store, d.engine(), today(), d.now());
    const dayChart = barChart(
      a.days.map((x) => ({ label: frDay(x.day), value: x.total })),
      { label: `Questions par jour sur 30 jours : ${a.total} au total`, labelEvery: 5 },
    );
    const weekChart = barChart(
      a.weeks.map((w) => ({ label: frDay(w.monday), value: w.total })),
      { label: 'Questions par semaine sur 12 semaines' },
    );
    return d.render(reply, 'activite', { current: '/activite', a, dayChart, weekChart, csrf: reply.generateCsrf(), ...helpers });
  });

  app.get('/questions', async (_req, reply) => {
    const g = await gapsPanel(store, d.engine(), d.now());
    return d.render(reply, 'questions', { current: '/questions', g, csrf: reply.generateCsrf(), ...helpers });
  });

  const knowledgePage = async (reply: FastifyReply, trial?: Record<string, unknown>) => {
    const engine = d.engine();
    const k = await knowledgePanel(store, engine, today(), d.now());
    return d.render(reply, 'connaissances', {
      current: '/connaissances',
      k,
      trial,
      departements: engine.kb.lexicon.departements,
      csrf: reply.generateCsrf(),
      ...helpers,
    });
  };
  app.get('/connaissances', async (_req, reply) => knowledgePage(reply));
  app.post<{ Body: Record<string, unknown> }>('/connaissances', { preHandler: app.csrfProtection }, async (req, reply) => {
    const engine = d.engine();
    const text = typeof req.body.question === 'string' ? req.body.question.slice(0, 2000) : '';
    const niveau = niveauOf(req.body.niveau);
    const dep = typeof req.body.departement === 'string' ? req.body.departement : '';
    const departement = engine.kb.lexicon.departements.some((x) => x.numero === dep) ? dep : undefined;
    if (!text.trim()) return knowledgePage(reply, { text, niveau, departement, error: 'Tapez une question à essayer.' });
    const explanation = explainQuestion(engine, text, { niveau, departement });
    let reply_: { result: TurnResult; html: string } | undefined;
    if (d.sandbox) {
      if (sandbox?.engine !== engine) sandbox = { engine, handler: d.sandbox(engine) };
      const result = await sandbox.handler.handle({
        platform: 'essai',
        workspace: '-',
        user: `essai-${Date.now()}-${Math.random()}`,
        conversation: 'essai',
        text,
        profile: { ...(niveau ? { niveau } : {}), ...(departement ? { departement } : {}) },
      });
      reply_ = { result, html: result.messages.map(messageHtml).join('') };
    }
    log.debug('admin.trial', { decision: explanation.decision });
    return knowledgePage(reply, { text, niveau, departement, explanation, reply: reply_ });
  });

  const sendsPage = async (reply: FastifyReply, preview?: Record<string, unknown>) => {
    const s = await sendsPanel(store, d.engine().kb, today(), d.now());
    return d.render(reply, 'envois', {
      current: '/envois',
      s,
      preview: preview ?? { date: today(), niveau: 'college' },
      csrf: reply.generateCsrf(),
      ...helpers,
    });
  };
  app.get('/envois', async (_req, reply) => sendsPage(reply));
  app.post<{ Body: Record<string, unknown> }>('/envois', { preHandler: app.csrfProtection }, async (req, reply) => {
    const date = typeof req.body.date === 'string' && ISO_DAY.test(req.body.date) ? req.body.date : undefined;
    const niveau = niveauOf(req.body.niveau) ?? 'college';
    if (!date || Number.isNaN(Date.parse(date)))
      return sendsPage(reply, { date: today(), niveau, error: 'Date invalide : choisissez un jour (AAAA-MM-JJ).' });
    const { kb } = d.engine();
    if (!kb.calendar) return sendsPage(reply, { date, niveau, error: 'Ce pack n’a pas de calendrier : pas de digest.' });
    const message = await digestPreview(store, kb, date, niveau);
    return sendsPage(reply, { date, niveau, html: messageHtml(message) });
  });

  app.get('/sante', async (_req, reply) => {
    const h = await d.health();
    return d.render(reply, 'sante', { current: '/sante', h, csrf: reply.generateCsrf(), ...helpers }, h.store.reachable ? 200 : 503);
  });
}
