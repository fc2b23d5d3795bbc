import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GapReport } from '../../src/cli/gaps-report.js';
import { createAssistant } from '../../src/app.js';
import { knowledgeDir } from '../../src/knowledge/config.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { openStore } from '../../src/state/store.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const DAY = 86_400_000;

/** Runs `npm run -s kb:gaps` as the contract says, from the project root. */
function kbGaps(args: string[], env: NodeJS.ProcessEnv = {}) {
  const env0 = { ...process.env, RUPN_STORE: undefined, ...env };
  const r = spawnSync('npm', ['run', '-s', 'kb:gaps', '--', ...args], { cwd: root, encoding: 'utf8', env: env0, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run -s kb:gaps', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-kbgaps-'));
  const url = `sqlite://${path.join(dir, 'state.sqlite')}`;
  const kb = loadKnowledge(knowledgeDir());
  const menu: Record<string, string | undefined> = {};

  // real conversations over a SQLite store: three people today, one 100 days ago
  beforeAll(async () => {
    const store = await openStore(url);
    const today = createAssistant(store, { kb });
    const old = createAssistant(store, { kb, now: () => new Date(Date.now() - 100 * DAY) });
    const talk = async (a: typeof today, user: string, text: string) =>
      a.handle({ platform: 'tchap', workspace: '-', user, conversation: '!room:agent.tchap.gouv.fr', text });
    for (const user of ['@alice:agent.tchap.gouv.fr', '@bob:agent.tchap.gouv.fr']) {
      const r = await talk(today, user, 'formation');
      expect(r.intent).toBe('fallback.suggest');
      menu.nearest = r.messages[0].choices?.[0]?.value;
    }
    expect((await talk(today, '@carol:agent.tchap.gouv.fr', 'les résultats du loto, appelez-moi au 06 12 34 56 78')).intent).toBe(
      'fallback',
    );
    expect((await talk(today, '@carol:agent.tchap.gouv.fr', 'qui est le coordonnateur de la Gironde ?')).intent).toBe('kb.answer');
    expect((await talk(old, '@dan:agent.tchap.gouv.fr', 'une question oubliée sur le loto')).intent).toMatch(/^fallback/);
    await store.close();
  }, 60_000);

  it('prints the last 90 days grouped by nearest entry, most asked first, for people', () => {
    const { code, out } = kbGaps(['--store', url]);
    expect(code).toBe(0);
    const title = kb.entries.find((e) => e.id === menu.nearest)!.title;
    expect(out).toMatch(/: 3, groupées par entrée la plus proche/);
    expect(out).toContain(`2  ${title} [${menu.nearest}]`);
    expect(out).toContain('2 × « formation » (menu proposé)');
    expect(out).toContain('1  Jugées hors sujet par l’assistant');
    expect(out).toContain('« les résultats du loto, appelez-moi au [téléphone] »');
    expect(out.indexOf(title)).toBeLessThan(out.indexOf('hors sujet'));
    expect(out).not.toMatch(/oubliée|alice|carol|tchap|06 12/);
  });

  it('reads RUPN_STORE too, and gives JSON for tools', () => {
    const { code, out } = kbGaps(['--json'], { RUPN_STORE: url });
    expect(code).toBe(0);
    const report = JSON.parse(out) as GapReport;
    const today = new Date().toISOString().slice(0, 10);
    expect(report.total).toBe(3);
    expect(report.groups[0]).toMatchObject({
      entry: menu.nearest,
      count: 2,
      first: today,
      last: today,
      questions: [{ text: 'formation', count: 2, kinds: { menu: 2 } }],
    });
    expect(report.groups[1]).toMatchObject({ entry: null, outOfScope: true, count: 1 });
  });

  it('says that nothing is recorded for a store that does not exist yet, without creating it', () => {
    const missing = path.join(dir, 'nothing-yet.sqlite');
    const { code, out } = kbGaps(['--store', `sqlite://${missing}`]);
    expect(code).toBe(0);
    expect(out).toMatch(/: 0\.$/m);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('refuses an unknown option or store with a French message', () => {
    expect(kbGaps(['--bavard']).err).toMatch(/kb:gaps : option inconnue ou sans valeur : --bavard \(options : --store URL, --json\)/);
    const bad = kbGaps([], { RUPN_STORE: 'mysql://x' });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/RUPN_STORE : attendu : memory, sqlite/);
  });
});
