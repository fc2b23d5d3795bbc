import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const start = (env: Record<string, string>, input = 'quitter\n') =>
  spawnSync('node', ['--import', 'tsx', 'src/cli/start.ts'], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 20000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, RUPN_STORE: 'memory', ...env },
  });

describe('npm start', () => {
  it('opens the console chat when no platform is configured', () => {
    const out = start({}, 'qui est le coordonnateur des Landes ?\nquitter\n');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/posez votre question/);
    expect(out.stdout).toContain('LOCHET');
  });

  it('stops on a half-configured platform, naming the variable and where to get it, never its value', () => {
    const out = start({ SLACK_BOT_TOKEN: 'pas-un-jeton-secret' });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/\[slack\] .*SLACK_BOT_TOKEN/s);
    expect(out.stderr).toMatch(/api\.slack\.com/);
    expect(out.stderr).not.toContain('pas-un-jeton-secret');
  });

  it('refuses a wrong reminders setting in French, naming the variable', () => {
    const out = start({ RUPN_SCHEDULE_TOLERANCE_HOURS: 'douze' });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/RUPN_SCHEDULE_TOLERANCE_HOURS : un nombre d’heures est attendu/);
  });

  it('refuses a wrong general setting in French', () => {
    const out = start({ RUPN_LOG_LEVEL: 'bavard' });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/RUPN_LOG_LEVEL/);
  });
});
