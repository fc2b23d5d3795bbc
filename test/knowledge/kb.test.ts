import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintKnowledge } from '../../src/cli/lint.js';
import { knowledgeDir } from '../../src/knowledge/config.js';
import { exportKnowledge } from '../../src/knowledge/export.js';
import { inspectKnowledge, loadKnowledge } from '../../src/knowledge/loader.js';
import { normalize } from '../../src/nlu/normalize.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const shipped = knowledgeDir({});

/** Runs one of the project's CLI scripts as `npm run` does, without npx's start-up. */
const cli = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}`, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, RUPN_KNOWLEDGE_DIR: '' },
  });

type Exported = ReturnType<typeof exportKnowledge>;
let exportedOnce: Exported | undefined;
/** The kb:export document, computed in-process once (the CLI prints the same, see below). */
const exported = () => (exportedOnce ??= exportKnowledge(loadKnowledge(shipped)));
const allText = () =>
  exported()
    .entries.map((e) => `${e.answer}\n${e.sources.join('\n')}`)
    .join('\n');

const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-'));
  tmpDirs.push(dir);
  return dir;
}

/** A copy of the shipped knowledge with one or more files edited. */
function brokenCopy(edit: (dir: string) => void): string {
  const dir = path.join(tmpDir(), 'pack');
  fs.cpSync(shipped, dir, { recursive: true });
  edit(dir);
  return dir;
}
const editFile = (file: string, change: (text: string) => string) => fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
const messages = (dir: string) =>
  inspectKnowledge(dir)
    .problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`)
    .join('\n');

describe('the knowledge base', () => {
  it('loads without a problem and every entry has three example questions', () => {
    const kb = loadKnowledge(shipped);
    expect(kb.entries.length).toBeGreaterThan(40);
    for (const e of kb.entries) expect(e.questions.length, e.id).toBeGreaterThanOrEqual(3);
  });

  it('exports the contract shape of kb:export', () => {
    const gar = exported().entries.find((e) => e.id === 'gar.responsables-affectation')!;
    expect(gar.title).toMatch(/responsables d'affectation/i);
    expect(gar.answer).toContain('DÉCADE');
    expect(gar.answer).toContain('RESP-AFFECT-GAR');
    expect(gar.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('npm run kb:export prints that document as JSON', () => {
    const out = cli('kb-export.ts');
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(JSON.parse(JSON.stringify(exported())));
  });

  it('gives every departmental coordinator with the e-mail of the guide', () => {
    for (const mail of [
      'Cyrille-Pierre.Lemonie@ac-bordeaux.fr',
      'lionel.delsaux@ac-bordeaux.fr',
      'sebastien.Lochet@ac-bordeaux.fr',
      'stephanie.vieira-do-vale@ac-bordeaux.fr',
      'michel.dezest@ac-bordeaux.fr',
    ])
      expect(allText()).toContain(mail);
  });

  it('keeps every link of the guide', () => {
    const links = [
      'dane.ac-bordeaux.fr/2d/',
      'education.gouv.fr/bo/15/Hebdo14/MENH1506032C.htm',
      'portailrh.ac-bordeaux.fr',
      'courrier.ac-bordeaux.fr',
      'dane.ac-bordeaux.fr/rgpd/',
      'dane.ac-bordeaux.fr/continuite-pedagogique/',
      'dane.ac-bordeaux.fr/line/',
      'dane.ac-bordeaux.fr/webinaires/',
      'ppe.orion.education.fr/academie//itw/answer/35-eV3-ayIAzWL1y601_wQ',
      'dane.ac-bordeaux.fr/certification-enseignant/',
      'pix.fr',
      'orga.pix.fr',
      'certif.pix.fr',
      'dane.ac-bordeaux.fr/pix-crcn/',
      'cache.media.eduscol.education.fr/file/CRCNum/57/0/Document_accompagnement_CRCN_1205570.pdf',
      'lyceeconnecte.fr',
      'dane.ac-bordeaux.fr/lycee-connecte/',
      'ose.ac-bordeaux.fr',
      'dane.ac-bordeaux.fr/ose',
      'dane.ac-bordeaux.fr/gar/',
      'dane.ac-bordeaux.fr/ressources-ent/',
      'gar.education.fr',
      'dane.ac-bordeaux.fr/dane/',
      'apps.education.fr',
      'dpd@ac-bordeaux.fr',
      'ent-lyccon-admin@ac-bordeaux.fr',
    ];
    for (const l of links) expect(allText(), l).toContain(l);
  });

  it('states the key facts of the guide', () => {
    const flat = normalize(allText());
    for (const fact of [
      '2015 475',
      '29 avril 2015',
      '2019 919',
      '30 aout 2019',
      '25 mai 2018',
      'prenom nom ac bordeaux fr',
      '05 40 54 70 60',
      '5 rue du colonel joseph de carayon latour',
      'amerana',
      'e anna',
      'assistance ent',
      'decade',
      'schematic',
      'magistere',
      'pix orga',
      'depuis 2013',
    ]) {
      expect(flat, fact).toContain(fact);
    }
  });

  it('dates the names that changed instead of rewriting them', () => {
    expect(allText()).toContain('DAFPEN');
    expect(allText()).toMatch(/EAFC/);
    expect(allText()).toMatch(/SRA-NE/);
  });

  it('describes the académie in academie.yaml, its DANE being the contact « dane » of answers', () => {
    const kb = loadKnowledge(shipped);
    expect(kb.academie.libelle).toBe('académie de Bordeaux');
    expect(kb.academie.ent.college.nom).toBe('OSÉ');
    expect(kb.academie.gar.checklist.etapes.map((s) => s.id)).toEqual([
      'designation',
      'console',
      'abonnements',
      'affectations',
      'commission',
      'collegues',
    ]);
    const dane = exported().entries.find((e) => e.id === 'dane.contact')!;
    expect(dane.answer).toContain('Téléphone : 05 40 54 70 60');
    expect(dane.answer).toContain('5 rue du Colonel Joseph de Carayon Latour - 33060 Bordeaux');
  });
});

describe('kb:lint', () => {
  it('accepts the shipped knowledge, with no warning', () => {
    const report = lintKnowledge(shipped);
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([]);
    expect(report.lines.at(-1)).toMatch(/Connaissances valides \(académie de Bordeaux\)/);
  });

  it('npm run kb:lint reports a broken file with file:line and a plain French message, and exits 1', () => {
    const dir = brokenCopy((d) => {
      editFile(path.join(d, 'entries', 'coordonnateurs.yaml'), (t) =>
        t
          .replace('reviewed: 2021-09-01', 'reviewed: septembre 2021')
          .replace(/questions:\n( {2}- .*\n)+/, 'questions:\n  - Une seule question ?\n'),
      );
      fs.writeFileSync(path.join(d, 'entries', 'casse.yaml'), 'id: casse\ntitle: [pas fermé\n');
    });
    const out = cli('kb-lint.ts', dir);
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(/coordonnateurs\.yaml:\d+: « reviewed » : une date au format AAAA-MM-JJ/);
    expect(out.stdout).toMatch(/coordonnateurs\.yaml:\d+: « questions » : il faut au moins trois questions/);
    expect(out.stdout).toMatch(/casse\.yaml:\d+: YAML mal formé/);
    expect(out.stdout).not.toMatch(/fiche liée inconnue : coordonnateurs/);
  });

  it('warns, without failing, when an example question leads to another entry', () => {
    const dir = brokenCopy((d) => {
      editFile(path.join(d, 'entries', 'charte.yaml'), (t) =>
        t.replace(/questions:\n/, 'questions:\n  - Qui est mon coordonnateur départemental DANE ?\n'),
      );
    });
    const report = lintKnowledge(dir);
    expect(report.ok).toBe(true);
    expect(report.lines.join('\n')).toMatch(
      /charte\.yaml: attention : la question « Qui est mon coordonnateur départemental DANE \? » mène à la fiche « coordonnateurs »/,
    );
  });

  it('refuses an entry that cites an unknown tool or a duplicate id', () => {
    const dir = brokenCopy((d) => {
      fs.writeFileSync(
        path.join(d, 'entries', 'zz.yaml'),
        fs.readFileSync(path.join(d, 'entries', 'outils.recueillir-travaux.yaml'), 'utf8').replace('usage: recueillir', 'usage: inconnu'),
      );
    });
    const { problems } = inspectKnowledge(dir);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/déjà utilisé/);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/usage inconnu/);
  });

  it('points at the line of academie.yaml that is wrong', () => {
    const dir = brokenCopy((d) => {
      editFile(path.join(d, 'academie.yaml'), (t) =>
        t
          .replace('  sigle: DANE\n', '')
          .replace('  telephone: 05 40 54 70 60\n', '  telephone: 05 40 54 70 60\n  fax: 05 00 00 00 00\n')
          .replace(/ {2}formulaire: .*\n/, '  formulaire: ppe.orion.education.fr\n')
          .replace(/ {8}lycee: "Faire désigner.*\n/, ''),
      );
    });
    const text = messages(dir);
    const line = (needle: string) =>
      fs
        .readFileSync(path.join(dir, 'academie.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(needle)) + 1;
    expect(text).toContain(`academie.yaml:${line('nom: DANE de')}: « dane.sigle » : champ obligatoire manquant`);
    expect(text).toContain(`academie.yaml:${line('fax:')}: « dane » : champ inconnu : fax (faute de frappe ?)`);
    expect(text).toContain(`academie.yaml:${line('formulaire:')}: « fil.formulaire » : une adresse complète est attendue (https://…)`);
    expect(text).toContain(
      `academie.yaml:${line('id: designation')}: « gar.checklist.etapes.0 » : une étape a soit « texte », soit les deux textes « college » et « lycee »`,
    );
  });

  it('asks for academie.yaml, and for the DANE in it only', () => {
    expect(messages(brokenCopy((d) => fs.rmSync(path.join(d, 'academie.yaml'))))).toMatch(
      /academie\.yaml:0: fichier manquant : il décrit l’académie/,
    );
    const twice = brokenCopy((d) =>
      editFile(path.join(d, 'data', 'contacts.yaml'), (t) => t.replace('contacts:\n', 'contacts:\n  - id: dane\n    nom: DANE\n')),
    );
    expect(messages(twice)).toMatch(/contacts\.yaml:3: le contact « dane » est la DANE décrite dans academie\.yaml/);
  });

  it('takes 2A and 971 as départements, and says how a number is written when it is not one', () => {
    const dir = brokenCopy((d) => {
      editFile(path.join(d, 'lexique.yaml'), (t) =>
        t.replace('departements:\n', 'departements:\n  - numero: 2A\n    nom: Corse-du-Sud\n  - numero: 971\n    nom: Guadeloupe\n'),
      );
      editFile(path.join(d, 'data', 'coordonnateurs.yaml'), (t) =>
        t.replace(
          'coordonnateurs:\n',
          'coordonnateurs:\n  - departement: 971\n    nom: Anne ANTILLES\n    email: anne.antilles@example.fr\n  - departement: "2a"\n    nom: Paul CORSE\n    email: paul.corse@example.fr\n  - departement: "977"\n    nom: Jean BARTH\n    email: jean.barth@example.fr\n',
        ),
      );
    });
    const text = messages(dir);
    expect(text).not.toMatch(/ANTILLES|lexique/);
    expect(text).toMatch(
      /coordonnateurs\.yaml:8: « coordonnateurs\.1\.departement » : numéro de département : deux chiffres entre guillemets \(ex\. "33", "09"\), "2A" ou "2B" pour la Corse/,
    );
    expect(text).toMatch(/coordonnateurs\.yaml:11: « coordonnateurs\.2\.departement » : numéro de département/);
    const fixed = brokenCopy((d) => {
      fs.cpSync(dir, d, { recursive: true });
      editFile(path.join(d, 'data', 'coordonnateurs.yaml'), (t) => t.replace('"2a"', '"2A"').replace('"977"', '"2B"'));
    });
    expect(messages(fixed)).toBe('coordonnateurs.yaml:12: le département « 2B » de Jean BARTH n’est pas dans lexique.yaml (departements)');
  });
});
