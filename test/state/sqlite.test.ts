import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreError, type StateStore } from '../../src/state/store.js';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-sqlite-'));
const opened: StateStore[] = [];
const open = async (file: string) => {
  const s = await openStore(`sqlite://${file}`);
  opened.push(s);
  return s;
};
/** The French refusal an operator reads at start, or a failure of the test when the store opened. */
const refusal = (file: string) =>
  openStore(`sqlite://${file}`).then(
    (s) => {
      opened.push(s);
      throw new Error(`${file} a été ouvert`);
    },
    (err: Error) => err,
  );

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('the SQLite file: what an operator is told when it cannot be used', () => {
  it('a path that goes through a file', async () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'notes.txt'), 'x');
    const err = await refusal(path.join(d, 'notes.txt', 'rupn.sqlite'));
    expect(err).toBeInstanceOf(StoreError);
    // outside the project: the whole path; inside: the path from the project
    expect(err.message).toContain(`« ${path.join(d, 'notes.txt', 'rupn.sqlite')} » (`);
    expect((await refusal('README.md/x.sqlite')).message).toMatch(
      /^RUPN_STORE : impossible d’ouvrir le fichier de données « README\.md\/x\.sqlite » \(/,
    );
    expect(err.message).toContain('(le chemin passe par un fichier, pas un dossier)');
    expect(err.message).toContain('RUPN_STORE=sqlite://data/rupn.sqlite');
  });

  it('a folder given as the file', async () => {
    const err = await refusal(dir());
    expect(err.message).toContain('(c’est un dossier)');
  });

  it('a file that is not a database is refused, and refused the same way again (its lock is let go)', async () => {
    const file = path.join(dir(), 'texte.sqlite');
    fs.writeFileSync(file, 'Ceci est un texte, pas une base de données. '.repeat(200));
    const first = await refusal(file);
    expect(first.message).toMatch(/^RUPN_STORE : impossible d’ouvrir le fichier de données/);
    expect(first.message).not.toContain('déjà utilisé');
    const again = await refusal(file);
    expect(again.message).toBe(first.message);
  });

  it('a lock that cannot be made beside the file', async () => {
    const file = path.join(dir(), 'rupn.sqlite');
    fs.mkdirSync(`${file}.lock`);
    const err = await refusal(file);
    expect(err.message).toContain('(accès refusé ou chemin introuvable)');
  });

  it('a file already open is refused to a second opener, naming the other process, then free once closed', async () => {
    const file = path.join(dir(), 'rupn.sqlite');
    const first = await open(file);
    await first.write('people', 'k', { a: 1 });
    const err = await refusal(file);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toContain('est déjà utilisé par un autre processus de l’assistant');
    expect(err.message).toContain('redis://');
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const second = await open(file);
    expect(await second.read('people', 'k')).toEqual({ a: 1 });
  });
});

describe('the SQLite file: what is kept and for how long', () => {
  it('`sqlite://:memory:` keeps everything in memory, with no lock file left in the folder', async () => {
    const s = await open(':memory:');
    expect(s.kind).toBe('sqlite');
    await s.write('people', 'k', { a: 1 });
    expect(await s.read('people', 'k')).toEqual({ a: 1 });
    expect(fs.existsSync(':memory:.lock')).toBe(false);
  });

  it('a value written for a time is gone once the time is up, and kept before', async () => {
    const s = await open(path.join(dir(), 'rupn.sqlite'));
    await s.write('recent', 'court', { topic: 'pix' }, 1);
    await s.write('recent', 'long', { topic: 'gar' }, 60_000);
    await new Promise((r) => setTimeout(r, 5));
    expect(await s.read('recent', 'court')).toBeUndefined();
    expect(await s.read('recent', 'long')).toEqual({ topic: 'gar' });
  });

  it('a claim holds across a restart until it expires, and a released one is free at once', async () => {
    const file = path.join(dir(), 'rupn.sqlite');
    let s = await open(file);
    expect(await s.claim('events', 'E1', 60_000)).toBe(true);
    expect(await s.claim('events', 'E1', 60_000)).toBe(false);
    expect(await s.claim('events', 'E2', 1)).toBe(true);
    await s.close();
    opened.splice(0);
    s = await open(file);
    expect(await s.claim('events', 'E1', 60_000)).toBe(false);
    await new Promise((r) => setTimeout(r, 5));
    expect(await s.claim('events', 'E2', 60_000)).toBe(true);
    await s.release('events', 'E1');
    expect(await s.claim('events', 'E1', 60_000)).toBe(true);
  });
});
