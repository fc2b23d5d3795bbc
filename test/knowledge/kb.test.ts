import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { knowledgeDir } from '../../src/knowledge/config.js';
import { inspectKnowledge, loadKnowledge } from '../../src/knowledge/loader.js';
import { normalize } from '../../src/nlu/normalize.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const exported = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/kb-export.ts'], { cwd: root, encoding: 'utf8' })) as {
  entries: { id: string; title: string; questions: string[]; answer: string; audience: string[]; sources: string[]; reviewed: string }[];
};
const allText = exported.entries.map((e) => `${e.answer}\n${e.sources.join('\n')}`).join('\n');

describe('the knowledge base', () => {
  it('loads without a problem and every entry has three example questions', () => {
    const kb = loadKnowledge(knowledgeDir());
    expect(kb.entries.length).toBeGreaterThan(40);
    for (const e of kb.entries) expect(e.questions.length, e.id).toBeGreaterThanOrEqual(3);
  });

  it('exports the contract shape of kb:export', () => {
    const gar = exported.entries.find((e) => e.id === 'gar.responsables-affectation')!;
    expect(gar.title).toMatch(/responsables d'affectation/i);
    expect(gar.answer).toContain('DÉCADE');
    expect(gar.answer).toContain('RESP-AFFECT-GAR');
    expect(gar.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives every departmental coordinator with the e-mail of the guide', () => {
    for (const mail of [
      'Cyrille-Pierre.Lemonie@ac-bordeaux.fr',
      'lionel.delsaux@ac-bordeaux.fr',
      'sebastien.Lochet@ac-bordeaux.fr',
      'stephanie.vieira-do-vale@ac-bordeaux.fr',
      'michel.dezest@ac-bordeaux.fr',
    ]) expect(allText).toContain(mail);
  });

  it('keeps every link of the guide', () => {
    const links = [
      'dane.ac-bordeaux.fr/2d/', 'education.gouv.fr/bo/15/Hebdo14/MENH1506032C.htm', 'portailrh.ac-bordeaux.fr', 'courrier.ac-bordeaux.fr',
      'dane.ac-bordeaux.fr/rgpd/', 'dane.ac-bordeaux.fr/continuite-pedagogique/', 'dane.ac-bordeaux.fr/line/', 'dane.ac-bordeaux.fr/webinaires/',
      'ppe.orion.education.fr/academie//itw/answer/35-eV3-ayIAzWL1y601_wQ', 'dane.ac-bordeaux.fr/certification-enseignant/', 'pix.fr', 'orga.pix.fr',
      'certif.pix.fr', 'dane.ac-bordeaux.fr/pix-crcn/', 'cache.media.eduscol.education.fr/file/CRCNum/57/0/Document_accompagnement_CRCN_1205570.pdf',
      'lyceeconnecte.fr', 'dane.ac-bordeaux.fr/lycee-connecte/', 'ose.ac-bordeaux.fr', 'dane.ac-bordeaux.fr/ose', 'dane.ac-bordeaux.fr/gar/',
      'dane.ac-bordeaux.fr/ressources-ent/', 'gar.education.fr', 'dane.ac-bordeaux.fr/dane/', 'apps.education.fr', 'dpd@ac-bordeaux.fr',
      'ent-lyccon-admin@ac-bordeaux.fr',
    ];
    for (const l of links) expect(allText, l).toContain(l);
  });

  it('states the key facts of the guide', () => {
    const flat = normalize(allText);
    for (const fact of ['2015 475', '29 avril 2015', '2019 919', '30 aout 2019', '25 mai 2018', 'prenom nom ac bordeaux fr', '05 40 54 70 60',
      '5 rue du colonel joseph de carayon latour', 'amerana', 'e anna', 'assistance ent', 'decade', 'schematic', 'magistere', 'pix orga', 'depuis 2013']) {
      expect(flat, fact).toContain(fact);
    }
  });

  it('dates the names that changed instead of rewriting them', () => {
    expect(allText).toContain('DAFPEN');
    expect(allText).toMatch(/EAFC/);
    expect(allText).toMatch(/SRA-NE/);
  });
});

describe('kb:lint', () => {
  function brokenCopy(edit: (dir: string) => void): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-'));
    fs.cpSync(knowledgeDir(), dir, { recursive: true });
    edit(dir);
    return dir;
  }

  it('accepts the shipped knowledge', () => {
    const out = spawnSync('npx', ['tsx', 'src/cli/kb-lint.ts'], { cwd: root, encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/Connaissances valides/);
  });

  it('reports a broken file with file:line and a plain French message', () => {
    const dir = brokenCopy((d) => {
      const f = path.join(d, 'entries', 'coordonnateurs.yaml');
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('reviewed: 2021-09-01', 'reviewed: septembre 2021').replace(/questions:\n(  - .*\n)+/, 'questions:\n  - Une seule question ?\n'));
      fs.writeFileSync(path.join(d, 'entries', 'casse.yaml'), 'id: casse\ntitle: [pas fermé\n');
    });
    const out = spawnSync('npx', ['tsx', 'src/cli/kb-lint.ts', dir], { cwd: root, encoding: 'utf8' });
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(/coordonnateurs\.yaml:\d+: « reviewed » : une date au format AAAA-MM-JJ/);
    expect(out.stdout).toMatch(/coordonnateurs\.yaml:\d+: « questions » : il faut au moins trois questions/);
    expect(out.stdout).toMatch(/casse\.yaml:\d+: YAML mal formé/);
    expect(out.stdout).not.toMatch(/fiche liée inconnue : coordonnateurs/);
  });

  it('warns, without failing, when an example question leads to another entry', () => {
    const dir = brokenCopy((d) => {
      const f = path.join(d, 'entries', 'charte.yaml');
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/questions:\n/, 'questions:\n  - Qui est mon coordonnateur départemental DANE ?\n'));
    });
    const out = spawnSync('npx', ['tsx', 'src/cli/kb-lint.ts', dir], { cwd: root, encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/charte\.yaml: attention : la question « Qui est mon coordonnateur départemental DANE \? » mène à la fiche « coordonnateurs »/);
  });

  it('refuses an entry that cites an unknown tool or a duplicate id', () => {
    const dir = brokenCopy((d) => {
      fs.writeFileSync(path.join(d, 'entries', 'zz.yaml'), fs.readFileSync(path.join(d, 'entries', 'outils.recueillir-travaux.yaml'), 'utf8').replace('usage: recueillir', 'usage: inconnu'));
    });
    const { problems } = inspectKnowledge(dir);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/déjà utilisé/);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/usage inconnu/);
  });
});
