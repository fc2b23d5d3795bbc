import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}`, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, RUPN_KNOWLEDGE_DIR: '', RUPN_STORE: 'memory' },
  });

describe('reminders and digest commands (nothing is sent)', () => {
  it('reminders --from 2026-08-24 --to 2026-09-27 --json: the GAR sequence in the rentrée days and a digest each school week', () => {
    const out = run('reminders.ts', '--from', '2026-08-24', '--to', '2026-09-27', '--json');
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { job: string; slot: string; at: string; niveau?: string });
    const gar = lines.filter((l) => l.slot.startsWith('gar-')).map((l) => l.at.slice(0, 10));
    expect(gar).toEqual(['2026-09-02', '2026-09-03', '2026-09-04', '2026-09-08', '2026-09-09']);
    const digests = lines.filter((l) => l.job === 'digest' && l.niveau === 'college').map((l) => l.at);
    expect(digests).toEqual([
      '2026-08-31T08:00:00+02:00',
      '2026-09-07T08:00:00+02:00',
      '2026-09-14T08:00:00+02:00',
      '2026-09-21T08:00:00+02:00',
    ]);
  });

  it('digest --date 2026-09-07 prints each niveau’s digest; a bad date is said in French', () => {
    const out = run('digest.ts', '--date', '2026-09-07');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Le digest des RUPN (collèges), semaine du lundi 7 septembre');
    expect(out.stdout).toContain('Le digest des RUPN (lycées), semaine du lundi 7 septembre');
    expect(out.stdout).toContain('mardi 8 septembre — GAR, étape 4');
    expect(out.stdout).toContain('Le saviez-vous ?');
    const json = run('digest.ts', '--date', '2026-09-07', '--niveau', 'lycee', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      niveau: 'lycee',
      week: '2026-09-07',
      news: [{ title: 'Les webinaires de rentrée de la DANE' }],
      didYouKnow: [{ id: expect.any(String), title: expect.any(String), text: expect.any(String) }],
    });
    const bad = run('digest.ts', '--date', '7 septembre');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--date : une date au format AAAA-MM-JJ est attendue');
  });
});
