import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/state/store.js';
import { SEED, seedStore } from '../helpers/admin-seed.js';
import { hasRedis, startRedis } from '../helpers/redis.js';

/**
 * The operators' page in a real browser (Debian's chromium, driven by
 * playwright-core), served by the real `npm start` process on a seeded store.
 * Tagged by its folder and name: skipped, with a message, where no chromium is installed.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
// RUPN_CHROMIUM, when set, is the only browser tried (a path that does not exist skips these tests)
const wanted = process.env.RUPN_CHROMIUM || '/usr/bin/chromium';
const executablePath = fs.existsSync(wanted) ? wanted : undefined;
if (!executablePath)
  process.stderr.write(
    `\n[tests navigateur ignorés] aucun chromium trouvé à ${wanted} : installez-le (apt-get install chromium) ou indiquez son chemin dans RUPN_CHROMIUM.\n\n`,
  );

const TOKEN = 'jeton-navigateur-0123456789';
// Time limits are ceilings for a loaded machine (2 cores shared with other jobs); on a quiet one the file takes about 30 s.
const SHOTS = path.join(root, 'artifacts', 'screenshots');
const PANELS = [
  { path: '/activite', name: 'activite', figure: '[data-figure="total"]', expected: String(SEED.turns.slack + SEED.turns.discord) },
  { path: '/questions', name: 'questions', figure: '[data-figure="gaps-total"]', expected: '3' },
  { path: '/connaissances', name: 'connaissances', figure: 'tr[data-entry="arena"] td:nth-child(4)', expected: '3' },
  { path: '/envois', name: 'envois', figure: '#abonnements tbody tr td:nth-child(4)', expected: '1' },
  { path: '/sante', name: 'sante', figure: '#stockage tbody td:first-child', expected: hasRedis ? 'redis' : 'sqlite' },
];

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });

describe.skipIf(!executablePath)('the operators’ page in a real browser', () => {
  let child: ChildProcess;
  let browser: Browser;
  let base = '';
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-browser-'));
  let stderr = '';

  beforeAll(async () => {
    // Redis where it is installed, so that the store can be stopped under the running process
    redis = hasRedis ? await startRedis() : undefined;
    const url = redis?.url ?? `sqlite://${path.join(tmp, 'seed.sqlite')}`;
    const store = await openStore(url);
    await seedStore(store, new Date());
    await store.close();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn('node', ['--import', 'tsx', 'src/cli/start.ts'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'], // stdin kept open: the console chat stays up beside the page
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        RUPN_STORE: url,
        RUPN_ADMIN_PORT: String(port),
        RUPN_ADMIN_TOKEN: TOKEN,
        RUPN_SCHEDULER: 'off',
      },
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`la page n’a pas démarré en 60 s :\n${stderr}`)), 40_000);
      child.stderr!.on('data', (b: Buffer) => {
        stderr += b.toString();
        if (stderr.includes('Console des opérateurs')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`npm start s’est arrêté (${code}) :\n${stderr}`)));
    });
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await redis?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 20_000);

  async function login(context: BrowserContext, token = TOKEN): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/activite`);
    await page.getByLabel('Jeton').fill(token);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForLoadState('domcontentloaded');
    return page;
  }

  it('reaches no page without the cookie, refuses a wrong token and accepts the right one', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    try {
      const page = await context.newPage();
      for (const p of PANELS) {
        await page.goto(base + p.path);
        expect(new URL(page.url()).pathname, p.path).toBe('/connexion');
      }
      const refused = await login(context, 'pas-le-bon-jeton-xxxxx');
      await expect.poll(() => refused.locator('.fr-alert--error').textContent()).toContain('Jeton incorrect.');
      expect(new URL(refused.url()).pathname).toBe('/connexion');
      const accepted = await login(context);
      expect(new URL(accepted.url()).pathname).toBe('/activite');
      const cookie = (await context.cookies()).find((c) => c.name === 'rupn_admin');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    } finally {
      await context.close();
    }
  }, 120_000);

  /** Visits each panel logged in at one size: its seeded figure, a screenshot, and what `check` adds. */
  async function eachPanel(width: number, height: number, label: string, check: (page: Page, name: string) => Promise<void>) {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'fr-FR' });
    try {
      const page = await login(context);
      for (const p of PANELS) {
        await page.goto(base + p.path);
        expect((await page.locator(p.figure).first().textContent())?.trim(), p.name).toBe(p.expected);
        await page.screenshot({ path: path.join(SHOTS, `${p.name}-${label}.png`), fullPage: label === 'bureau' });
        await check(page, p.name);
      }
    } finally {
      await context.close();
    }
  }

  it('shows each panel with the seeded figures on a desktop, with no serious accessibility violation (axe)', async () => {
    await eachPanel(1280, 900, 'bureau', async (page, name) => {
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        name,
      ).toEqual([]);
    });
  }, 240_000);

  it('shows each panel on a phone, with no page wider than the screen, and the menu opens from the keyboard', async () => {
    await eachPanel(390, 844, 'telephone', async (page, name) => {
      // tables may scroll inside their frame; the page itself must not
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(390);
      if (name !== 'sante') return;
      const menu = page.getByRole('button', { name: 'Menu' });
      await menu.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('link', { name: 'Activité' }).isVisible()).toBe(true);
    });
  }, 120_000);

  it('explains a known question in « Essayer une question », and renders a digest preview', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    try {
      const page = await login(context);
      await page.goto(`${base}/connaissances`);
      await page.getByRole('textbox', { name: 'Question' }).fill(SEED.known);
      await page.getByLabel('Niveau du RUPN').selectOption('college');
      await page.getByRole('button', { name: 'Essayer' }).click();
      const explanation = page.locator('#explication');
      await expect.poll(() => explanation.textContent()).toContain('au-dessus du seuil de réponse');
      expect(await explanation.locator('h3').textContent()).toContain('réponse');
      expect(await explanation.textContent()).toContain('Passage choisi : Le portail ARÉNA');
      await page.goto(`${base}/envois`);
      await page.getByLabel('Semaine du').fill('2026-12-02');
      await page.getByLabel('Niveau', { exact: true }).selectOption('lycee');
      await page.getByRole('button', { name: 'Voir le digest' }).click();
      await expect.poll(() => page.locator('#digest').textContent()).toContain('Le digest des RUPN (lycées), semaine du lundi 30 novembre');
      await page.locator('#digest').screenshot({ path: path.join(SHOTS, 'apercu-digest.png') });
    } finally {
      await context.close();
    }
  }, 120_000);

  it.skipIf(!hasRedis)(
    'answers /health with 200, then 503 once the store is stopped',
    async () => {
      const ok = await fetch(`${base}/health`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ status: 'ok', store: { kind: 'redis', reachable: true } });
      await redis!.stop();
      const down = await fetch(`${base}/health`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'degraded', store: { reachable: false } });
    },
    20_000,
  );
});
