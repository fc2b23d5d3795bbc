import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CryptoStateFile } from '../../adapters/tchap/crypto-file.js';

/**
 * The file under the crypto module's IndexedDB, on its own: what a restart
 * gets back, and what happens when the disk refuses a save.
 */

interface Req<T> {
  result: T;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
  onupgradeneeded?: (() => void) | null;
}
interface Db {
  createObjectStore(name: string, opts?: { keyPath?: string }): unknown;
  transaction(
    stores: string[],
    mode: 'readonly' | 'readwrite',
  ): { objectStore(n: string): { put(v: unknown, k?: unknown): unknown; get(k: unknown): Req<unknown> }; oncomplete: (() => void) | null };
  close(): void;
}
const idb = () => (globalThis as unknown as { indexedDB: { open(name: string, v?: number): Req<Db> } }).indexedDB;
const req = <T>(r: Req<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = reject;
  });

async function openDb(): Promise<Db> {
  const r = idb().open('essai', 1);
  r.onupgradeneeded = () => {
    r.result.createObjectStore('cles');
    r.result.createObjectStore('sessions', { keyPath: 'id' });
  };
  return req(r);
}

async function write(db: Db): Promise<void> {
  const tx = db.transaction(['cles', 'sessions'], 'readwrite');
  tx.objectStore('cles').put(new Uint8Array([1, 2, 3]), 'appareil');
  tx.objectStore('sessions').put({ id: 's1', index: 7 });
  await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
}

async function read(db: Db): Promise<unknown[]> {
  const tx = db.transaction(['cles', 'sessions'], 'readonly');
  return Promise.all([req(tx.objectStore('cles').get('appareil')), req(tx.objectStore('sessions').get('s1'))]);
}

describe('Tchap crypto state file', () => {
  let dir: string;
  const owner = { userId: '@bot:agent.education.tchap.gouv.fr', deviceId: 'DEV1' };
  const errors: Error[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rupn-crypto-file-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('saves every change by itself and gives it back to the same device only', async () => {
    const file = join(dir, 'etat.bin');
    const first = await CryptoStateFile.open(file, owner, (e) => errors.push(e));
    const db = await openDb();
    await write(db);
    // Saved after the write transaction, with nobody asking.
    for (let i = 0; i < 100 && !(await CryptoStateFile.ownerOf(file)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await CryptoStateFile.ownerOf(file)).toEqual(owner);
    db.close();
    await first.close();

    const again = await CryptoStateFile.open(file, owner, (e) => errors.push(e));
    const reopened = await openDb();
    expect(await read(reopened)).toEqual([new Uint8Array([1, 2, 3]), { id: 's1', index: 7 }]);
    reopened.close();
    await again.close();

    const other = await CryptoStateFile.open(file, { ...owner, deviceId: 'DEV2' }, (e) => errors.push(e));
    const empty = await openDb();
    expect(await read(empty)).toEqual([undefined, undefined]);
    empty.close();
    await other.close();
    expect(errors).toEqual([]);
    expect(await readdir(dir)).toEqual(['etat.bin']); // no temporary file left behind
  });

  it('reports a save the disk refuses instead of crashing, and reads a damaged file as no state', async () => {
    const sub = join(dir, 'sous-dossier');
    const state = await CryptoStateFile.open(join(sub, 'etat.bin'), owner, (e) => errors.push(e));
    await writeFile(sub, 'x'); // where the directory should be, a file: every save fails
    const db = await openDb();
    await write(db);
    db.close();
    await state.close();
    expect(errors.length).toBeGreaterThan(0);
    expect(await CryptoStateFile.ownerOf(sub)).toBeUndefined();
  });
});
