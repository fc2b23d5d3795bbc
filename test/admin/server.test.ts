import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminServer } from '../../src/admin/server.js';
import { createAssistant } from '../../src/app.js';
import type { Engine } from '../../src/core/engine.js';
import { HealthRegistry } from '../../src/shared/health.js';
import { memoryStore, openStore, type StateStore } from '../../src/state/store.js';
import { AdminClient } from '../helpers/admin.js';
import { SEED, seedStore } from '../helpers/admin-seed.js';

const TOKEN = 'jeton-de-test-0123456789';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-admin-'));
let store: StateStore;
let engine: Engine;
let app: FastifyInstance;
let clock = new Date();
const registry = new HealthRegistry(() => clock);

beforeAll(async () => {
  store = await openStore(`sqlite://${path.join(dir, 'seed.sqlite')}`);
  ({ engine } = await seedStore(store, clock));
  registry.connected('slack');
  registry.event('slack');
  registry.error('slack', new Error('An API error occurred: invalid_auth xoxb-1234567890-abcdefghijklmnop for U0123ABCDE'));
  app = await buildAdminServer({
    store,
    engine,
    token: TOKEN,
    now: () => clock,
    registry,
    sessionTtlMs: 3600e3,
    loginMax: 100, // the tests below log in often; the limit has its own test
    sandbox: () => createAssistant(memoryStore(), { engine }),
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function loggedIn(): Promise<AdminClient> {
  const c = new AdminClient(app);
  expect((await c.login(TOKEN)).statusCode).toBe(303);
  return c;
}

describe('the operators’ page: access', () => {
  it('sends every page to the login form without a session, and /health stays open for monitoring', async () => {
    const c = new AdminClient(app);
    for (const p of ['/', '/activite', '/questions', '/connaissances', '/envois', '/sante']) {
      const res = await c.get(p);
      expect(res.statusCode, p).toBe(303);
      expect(res.headers.location).toBe('/connexion');
    }
    expect((await c.post('/connaissances', { question: 'arena' }, '/connexion')).statusCode).toBe(401);
    expect((await c.get('/health')).statusCode).toBe(200);
  });

  it('refuses a wrong token, accepts the right one with an HttpOnly SameSite=Strict cookie, and never shows the token', async () => {
    const c = new AdminClient(app);
    const wrong = await c.login('pas-le-bon-jeton-du-tout');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Jeton incorrect.');
    const ok = await c.login(TOKEN);
    expect(ok.statusCode).toBe(303);
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/rupn_admin=[^;]+;.*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    for (const p of ['/activite', '/questions', '/connaissances', '/envois', '/sante', '/health']) {
      const res = await c.get(p);
      expect(res.statusCode, p).toBe(200);
      expect(res.body, p).not.toContain(TOKEN);
    }
  });

  it('refuses a form without its CSRF token, even with a session', async () => {
    const c = await loggedIn();
    const res = await c.post('/connaissances', { question: SEED.known }, '/connaissances', 'faux');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Formulaire expiré');
    expect((await c.post('/connexion', { token: TOKEN }, '/connexion', 'faux')).statusCode).toBe(403);
  });

  it('rate-limits logins: past the limit in a minute, 429, even with the right token', async () => {
    const limited = await buildAdminServer({ store, engine, token: TOKEN, registry, loginMax: 5 });
    try {
      const c = new AdminClient(limited);
      for (let i = 0; i < 5; i++) expect((await c.login(`mauvais-jeton-${i}-xxxxxxxx`)).statusCode).toBe(401);
      const sixth = await c.login(TOKEN);
      expect(sixth.statusCode).toBe(429);
      expect(sixth.body).toContain('Trop de tentatives');
    } finally {
      await limited.close();
    }
  });

  it('ends a session when it expires, and on logout', async () => {
    const c = await loggedIn();
    expect((await c.get('/activite')).statusCode).toBe(200);
    const before = clock;
    clock = new Date(before.getTime() + 3600e3 + 1000);
    try {
      expect((await c.get('/activite')).headers.location).toBe('/connexion');
    } finally {
      clock = before;
    }
    const d = await loggedIn();
    expect((await d.post('/deconnexion', {}, '/activite')).headers.location).toBe('/connexion');
    expect((await d.get('/activite')).statusCode).toBe(303);
  });
});

describe('the operators’ page: panels from a seeded SQLite store', () => {
  it('Activité: questions, outcomes, topics, flows and platforms as counted', async () => {
    const body = (await (await loggedIn()).get('/activite')).body;
    const total = SEED.turns.slack + SEED.turns.discord;
    expect(body).toContain(`data-figure="total">${total}<`);
    expect(body).toContain(`data-figure="menu">${Math.round((100 * SEED.outcomes.menu) / total)} %<`);
    expect(body).toContain(`data-figure="answered">${Math.round((100 * SEED.outcomes.answered) / total)} %<`);
    expect(body).toMatch(/<td>Le portail ARÉNA <span class="fr-text--xs">\(arena\)<\/span><\/td><td>3<\/td>/);
    expect(body).toContain(`<tr><td>slack</td><td>${SEED.turns.slack}</td></tr>`);
    expect(body).toMatch(/<tr><td>discord<\/td><td>2<\/td><\/tr>/);
    expect(body).toMatch(/FIL[^<]*<\/td><td>1<\/td><td>0<\/td><td>1<\/td>/);
    expect(body).toMatch(/<svg class="rupn-chart"[^>]*role="img"/);
    // nothing a person typed, nor who they are
    expect(body).not.toContain('U0SEED');
    expect(body).not.toContain('portail arena');
  });

  it('Questions sans réponse: grouped by nearest entry, with a YAML snippet for its examples file', async () => {
    const body = (await (await loggedIn()).get('/questions')).body;
    expect(body).toContain('data-figure="gaps-total">3<');
    expect(body).toContain('Jugées hors sujet par l’assistant');
    expect(body).toContain('exemples/formation.fil.yaml');
    expect(body).toMatch(/# à ajouter à la fin de knowledge\/bordeaux\/exemples\/formation\.fil\.yaml\n- formation\n/);
    expect(body).toContain('exemples/_hors-sujet.yaml');
  });

  it('Connaissances: every entry with its review date and times served; « Essayer une question » explains the decision', async () => {
    const c = await loggedIn();
    const page = (await c.get('/connaissances')).body;
    expect(page.match(/<tr data-entry=/g)).toHaveLength(engine.kb.entries.length);
    expect(page).toMatch(/data-entry="arena">[\s\S]*?<td>3<\/td>/);
    const res = await c.post('/connaissances', { question: SEED.known, niveau: 'college', departement: '33' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('fr-badge--success">réponse</span>');
    expect(res.body).toMatch(/« Le portail ARÉNA » a le meilleur score \(\d,\d\d\), au-dessus du seuil de réponse \(0,50\)/);
    expect(res.body).toMatch(/\(arena\)<\/span><\/td><td>[\d.]+<\/td><td>[\d.]+<\/td>\s*<td><span class="[^"]*">choisie/);
    expect(res.body).toContain('Réponse complète de l’assistant');
    const menu = await c.post('/connaissances', { question: SEED.menu });
    expect(menu.body).toContain('menu « Vouliez-vous dire »');
    const empty = await c.post('/connaissances', { question: '  ' });
    expect(empty.body).toContain('Tapez une question à essayer.');
  });

  it('Envois: the next 30 days, the last digest delivered, subscriptions counted, and a digest preview', async () => {
    const c = await loggedIn();
    const page = (await c.get('/envois')).body;
    expect(page).toMatch(/<td>Digest<\/td>/);
    expect(page).toMatch(/fr-badge--success">remis : 1<\/span>/);
    expect(page).toMatch(/<tr><td>digest<\/td><td>slack<\/td><td>collège<\/td><td>1<\/td><\/tr>/);
    const preview = await c.post('/envois', { date: '2026-12-02', niveau: 'lycee' });
    expect(preview.body).toMatch(/id="digest"[\s\S]*Le digest des RUPN \(lycées\), semaine du lundi 30 novembre/);
    const bad = await c.post('/envois', { date: '2026-13-45', niveau: 'lycee' });
    expect(bad.body).toContain('Date invalide');
  });

  it('Santé and /health: store reachable, adapters with their last error masked', async () => {
    const c = await loggedIn();
    const json = (await c.get('/health')).json();
    expect(json).toMatchObject({
      status: 'ok',
      store: { kind: 'sqlite', reachable: true },
      knowledge: { entries: engine.kb.entries.length },
    });
    expect(json.adapters[0]).toMatchObject({ name: 'slack', connected: true });
    expect(json.adapters[0].lastError.message).toContain('invalid_auth');
    expect(JSON.stringify(json)).not.toMatch(/xoxb-1234567890|U0123ABCDE/);
    const page = (await c.get('/sante')).body;
    expect(page).toContain('fr-badge--success">joignable');
    expect(page).not.toContain('xoxb-1234567890');
  });
});

describe('/health when the store is down', () => {
  it('answers 503 with the store unreachable, and « Santé » says so', async () => {
    const down: StateStore = {
      ...memoryStore(),
      kind: 'redis',
      read: async () => {
        throw new Error('connexion perdue');
      },
      write: async () => {
        throw new Error('connexion perdue');
      },
    };
    const sick = await buildAdminServer({ store: down, engine, token: TOKEN, registry });
    try {
      const res = await sick.inject('/health');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', store: { kind: 'redis', reachable: false, latencyMs: null } });
      const c = new AdminClient(sick);
      await c.login(TOKEN);
      const page = await c.get('/sante');
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('injoignable');
    } finally {
      await sick.close();
    }
  });
});
