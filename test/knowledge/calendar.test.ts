import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintKnowledge } from '../../src/cli/lint.js';
import { inspectKnowledge, loadKnowledge } from '../../src/knowledge/loader.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const shipped = path.join(root, 'knowledge', 'bordeaux');
const valmarine = path.join(root, 'test', 'fixtures', 'valmarine');
const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A copy of a pack whose calendar is edited. */
function withCalendar(base: string, edit: (yaml: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cal-'));
  made.push(dir);
  fs.cpSync(base, dir, { recursive: true });
  const file = path.join(dir, 'calendrier.yaml');
  fs.writeFileSync(file, edit(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''));
  return dir;
}

const lineOf = (dir: string, needle: string) =>
  fs
    .readFileSync(path.join(dir, 'calendrier.yaml'), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

describe('calendrier.yaml', () => {
  it('the shipped calendar loads with both school years, the 2026-27 one marked as to be checked', () => {
    const cal = loadKnowledge(shipped).calendar!;
    expect(cal.annees.map((y) => y.id)).toEqual(['2025-2026', '2026-2027']);
    expect(cal.annees[1].aVerifier).toMatch(/arrêté publié/);
    expect(cal.annees[1].rentree).toBe('2026-09-01');
    expect(cal.evenements.filter((e) => e.sujet === 'gar').length).toBeGreaterThanOrEqual(5);
  });

  it('a pack without a calendar still loads (valmarine has none)', () => {
    const kb = loadKnowledge(valmarine);
    expect(kb.calendar).toBeUndefined();
    expect(kb.entries.length).toBeGreaterThan(0);
  });

  it('the same schema serves another académie: valmarine with a calendar of its own', () => {
    const dir = withCalendar(valmarine, () =>
      [
        'zone: C',
        'annees:',
        '  - id: 2026-2027',
        '    rentree: 2026-09-01',
        '    fin: 2027-07-03',
        'evenements:',
        '  - id: rentree',
        '    quand: rentree',
        '    titre: Bonne rentrée',
        '    texte: Bonne rentrée à tous.',
        '',
      ].join('\n'),
    );
    const { kb, problems } = inspectKnowledge(dir);
    expect(problems).toEqual([]);
    expect(kb!.calendar!.zone).toBe('C');
    expect(kb!.calendar!.digest.jour).toBe('lundi');
  });

  it('a bad date, an unknown anchor, entry, subject and GAR step are reported with their file and line', () => {
    const dir = withCalendar(shipped, (y) =>
      y
        .replace('rentree: 2026-09-01', 'rentree: 1er septembre')
        .replace('quand: rentree + 3 jours', 'quand: rentre + 3 jours')
        .replace('fiche: formation.webinaires', 'fiche: formation.webinaire')
        .replace('sujet: actus\n    titre: La LINE', 'sujet: actu\n    titre: La LINE')
        .replace('etapeGar: abonnements', 'etapeGar: abonement'),
    );
    const report = lintKnowledge(dir);
    expect(report.ok).toBe(false);
    const rel = path.relative(process.cwd(), path.join(dir, 'calendrier.yaml'));
    const lines = report.lines.join('\n');
    expect(lines).toContain(`${rel}:${lineOf(dir, 'rentree: 1er septembre')}: « annees.1.rentree » : une date au format AAAA-MM-JJ`);
    // the school year failed: the cross-checks wait until it is fixed
    const fixed = withCalendar(dir, (y) => y.replace('rentree: 1er septembre', 'rentree: 2026-09-01'));
    const again = lintKnowledge(fixed).lines.join('\n');
    const relFixed = path.relative(process.cwd(), path.join(fixed, 'calendrier.yaml'));
    expect(again).toContain(`${relFixed}:${lineOf(fixed, 'id: gar-affectations')}: quand : « rentre » ne désigne aucune date`);
    expect(again).toContain(`${relFixed}:${lineOf(fixed, 'id: webinaires-rentree')}: fiche inconnue : formation.webinaire`);
    expect(again).toContain(`${relFixed}:${lineOf(fixed, 'id: line-rentree')}: sujet inconnu : actu`);
    expect(again).toContain(`${relFixed}:${lineOf(fixed, 'id: gar-abonnements')}: étape GAR inconnue : abonement`);
  });

  it('a misspelt field is named on its own line', () => {
    const dir = withCalendar(shipped, (y) => y.replace('    saufChecklistFaite: checklist-gar', '    saufChecklist: checklist-gar'));
    const lines = lintKnowledge(dir).lines.join('\n');
    expect(lines).toMatch(new RegExp(`calendrier\\.yaml:${lineOf(dir, 'saufChecklist:')}: .*champ inconnu : saufChecklist`));
  });
});
