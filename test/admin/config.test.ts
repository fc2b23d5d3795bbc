import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminConfig } from '../../src/admin/config.js';
import { ActivityCounter, readActivity } from '../../src/state/activity.js';
import { safeErrorText } from '../../src/shared/health.js';
import { memoryStore } from '../../src/state/store.js';

describe('RUPN_ADMIN_* settings', () => {
  it('is off without a port, and on 127.0.0.1 by default', () => {
    expect(adminConfig({})).toBeUndefined();
    expect(adminConfig({ RUPN_ADMIN_PORT: '8080' })).toMatchObject({ RUPN_ADMIN_PORT: 8080, RUPN_ADMIN_HOST: '127.0.0.1' });
  });

  it('refuses to listen beyond this machine without a token, naming RUPN_ADMIN_TOKEN in French', () => {
    expect(() => adminConfig({ RUPN_ADMIN_PORT: '8080', RUPN_ADMIN_HOST: '0.0.0.0' })).toThrow(
      /RUPN_ADMIN_TOKEN : variable manquante : la page des opérateurs écouterait sur 0\.0\.0\.0/,
    );
    expect(adminConfig({ RUPN_ADMIN_PORT: '8080', RUPN_ADMIN_HOST: '0.0.0.0', RUPN_ADMIN_TOKEN: 'a'.repeat(24) })).toBeDefined();
  });

  it('says which value is wrong, never echoing the token', () => {
    expect(() => adminConfig({ RUPN_ADMIN_PORT: 'huit' })).toThrow(/RUPN_ADMIN_PORT : un numéro de port est attendu/);
    let message = '';
    try {
      adminConfig({ RUPN_ADMIN_PORT: '8080', RUPN_ADMIN_TOKEN: 'court-secret' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/RUPN_ADMIN_TOKEN : le jeton doit compter au moins 16 caractères/);
    expect(message).not.toContain('court-secret');
  });
});

describe('activity counters', () => {
  it('adds up the counts of two instances sharing one store, without losing a turn', async () => {
    const store = memoryStore();
    const now = new Date('2026-11-30T10:00:00Z');
    const [a, b] = [new ActivityCounter(store), new ActivityCounter(store)];
    await Promise.all([
      ...Array.from({ length: 20 }, () => a.count(now, { outcome: 'answered', platform: 'slack', topic: 'arena' })),
      ...Array.from({ length: 15 }, () => b.count(now, { outcome: 'menu', platform: 'tchap', flows: [{ id: 'fil', event: 'started' }] })),
    ]);
    const [day] = await readActivity(store, now, 1);
    expect(day).toMatchObject({
      day: '2026-11-30',
      turns: { answered: 20, menu: 15, notUnderstood: 0 },
      platforms: { slack: 20, tchap: 15 },
      topics: { arena: 20 },
      flows: { fil: { started: 15, finished: 0, abandoned: 0 } },
    });
  });

  it('counts on the Paris day: 23:30 UTC on 30 November is already 1 December', async () => {
    const store = memoryStore();
    await new ActivityCounter(store).count(new Date('2026-11-30T23:30:00Z'), { outcome: 'answered', platform: 'slack' });
    const days = await readActivity(store, new Date('2026-12-01T08:00:00Z'), 2);
    expect(days.map((d) => [d.day, d.turns.answered])).toEqual([
      ['2026-11-30', 0],
      ['2026-12-01', 1],
    ]);
  });
});

describe('adapters’ last error', () => {
  it('masks tokens and platform user ids, and keeps one short line', () => {
    const text = safeErrorText(
      'invalid_auth for xoxb-123456789012-abcdefABCDEF with @jeanne.dupont:agent.tchap.gouv.fr and 123456789012345678\nstack…',
    );
    expect(text).toBe('invalid_auth for *** with … and …');
  });
});

describe('npm start with the operators’ page', () => {
  it('refuses to start when the page would listen beyond this machine without a token', () => {
    const out = spawnSync('node', ['--import', 'tsx', 'src/cli/start.ts'], {
      cwd: path.resolve(import.meta.dirname, '..', '..'),
      input: 'quitter\n',
      encoding: 'utf8',
      timeout: 20000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, RUPN_STORE: 'memory', RUPN_ADMIN_PORT: '8080', RUPN_ADMIN_HOST: '0.0.0.0' },
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^Démarrage impossible\. RUPN_ADMIN_TOKEN : variable manquante/m);
  });
});
