import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../../src/cli/batch-line.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const node = (script: string, input: string, extra: Record<string, string> = {}, args: string[] = []) =>
  spawnSync('node', ['--import', 'tsx', script, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 30000,
    env: { ...env, ...extra },
  });

describe('batch: exactly one output line per input line', () => {
  it('empty, blank, BOM, malformed and good lines alike, in order', () => {
    const lines = [
      '\uFEFF{"user": "b1", "text": "bonjour"}',
      '',
      '   ',
      '\t',
      '{pas du json',
      '{"user": null, "text": "qui est le coordonnateur des Landes ?"}',
      '{"user": "b2", "profile": {"departement": "Landes", "niveau": "lycée"}, "text": "qui est mon coordo ?"}',
      '{"user": "b3", "profile": {"niveau": "LYCEE"}, "text": "mes données"}',
    ];
    const out = node('src/cli/batch.ts', lines.join('\n') + '\n');
    expect(out.status).toBe(0);
    const got = out.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(got).toHaveLength(lines.length);
    expect(got[0]).toMatchObject({ user: 'b1', intent: 'smalltalk.hello' });
    for (const i of [1, 2, 3]) expect(got[i]).toMatchObject({ line: i + 1, error: expect.stringMatching(/^ligne vide/) });
    expect(got[4].error).toMatch(/JSON invalide/);
    expect(got[5]).toMatchObject({ user: null });
    expect(got[5].reply).toContain('LOCHET');
    expect(got[6].reply).toContain('LOCHET');
    expect(got[7].reply).toMatch(/Profil : lycée/);
  });
});

describe('batch: French validation messages', () => {
  it.each([
    ['{"text": 42}', /^ligne non conforme : text : attendu : un texte$/],
    ['{"user": {"id": 1}}', /^ligne non conforme : user : attendu : un texte ou un nombre$/],
    ['{"profile": {"niveau": "primaire"}}', /^ligne non conforme : profile\.niveau : attendu : "college" ou "lycee"$/],
    ['[1, 2]', /^ligne non conforme : ligne : attendu : un objet JSON/],
    [`{"user": "${'x'.repeat(100000)}"}`, /^ligne non conforme : user : 200 caractères au plus$/],
  ])('%#', (line, message) => {
    const r = parseLine(line);
    expect('error' in r && r.error).toMatch(message);
    expect('error' in r && r.error).not.toMatch(/Invalid|expected|received/);
  });

  it('accepts a null user, a null profile and the niveau as people write it', () => {
    expect(parseLine('{"user": null, "profile": null, "text": "x"}')).toEqual({ user: null, profile: null, text: 'x' });
    for (const n of ['lycée', 'LYCEE', ' Lycée '])
      expect(parseLine(`{"profile": {"niveau": "${n}"}}`)).toMatchObject({ profile: { niveau: 'lycee' } });
    expect(parseLine('{"profile": {"niveau": "Collège"}}')).toMatchObject({ profile: { niveau: 'college' } });
  });
});

describe('start-up errors: French, naming the variable, exit code 1, no stack', () => {
  it.each([
    [
      'RUPN_KNOWLEDGE_DIR',
      { RUPN_STORE: 'memory', RUPN_KNOWLEDGE_DIR: '/nonexistent' },
      /RUPN_KNOWLEDGE_DIR : dossier de connaissances introuvable \(\/nonexistent\)/,
    ],
    [
      'RUPN_STORE on a file',
      { RUPN_STORE: 'sqlite://README.md/x.sqlite' },
      /RUPN_STORE : impossible d’ouvrir le fichier de données « README\.md\/x\.sqlite »/,
    ],
    ['RUPN_STORE on a Redis that is not there', { RUPN_STORE: 'redis://127.0.0.1:1' }, /RUPN_STORE : impossible de joindre Redis/],
  ])(
    '%s',
    (_name, vars, message) => {
      for (const script of ['src/cli/start.ts', 'src/cli/batch.ts']) {
        const out = node(script, 'bonjour\n', vars);
        expect(out.status, script).toBe(1);
        expect(out.stderr).toMatch(/^Démarrage impossible\. /);
        expect(out.stderr).toMatch(message);
        expect(out.stderr).not.toMatch(/\n\s+at /);
        expect(out.stdout).toBe('');
      }
    },
    60_000,
  ); // two processes started one after the other, each waiting for its store: slow on a loaded machine

  it('shows the stack with RUPN_LOG_LEVEL=debug', () => {
    const out = node('src/cli/start.ts', '', { RUPN_STORE: 'memory', RUPN_KNOWLEDGE_DIR: '/nonexistent', RUPN_LOG_LEVEL: 'debug' });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/\n\s+at /);
  });
});

describe('kb:export', () => {
  it('ends quietly when its reader goes away (| head)', () => {
    const full = spawnSync('bash', ['-c', 'set -o pipefail; node --import tsx src/cli/kb-export.ts | head -c 10 >/dev/null'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30000,
      env,
    });
    expect(full.stderr).toBe('');
    expect(full.status).toBe(0);
  });
});
