import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import 'fake-indexeddb/auto';
import { IDBDatabase as FakeDatabase, IDBFactory as FakeFactory } from 'fake-indexeddb';

/**
 * The Rust crypto module of matrix-js-sdk keeps its state (device keys, Olm
 * and Megolm sessions) in IndexedDB, which Node lacks. fake-indexeddb provides
 * the API in memory; this file makes it last: its databases are written to one
 * file after every change (atomically: a temporary file, then a rename) and read
 * back at start. The values in it are already encrypted by the crypto module
 * with the passphrase (TCHAP_CRYPTO_PASSPHRASE); the store's keys are hashed.
 *
 * One bot per process: `globalThis.indexedDB` is this file's factory.
 */

/** The few IndexedDB shapes used here (the project compiles without the DOM library). */
interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: (() => void) | null;
}
interface IdbIndex {
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}
interface IdbStore {
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexNames: Iterable<string>;
  index(name: string): IdbIndex;
  createIndex(name: string, keyPath: string | string[], opts: { unique: boolean; multiEntry: boolean }): unknown;
  getAll(): IdbRequest<unknown[]>;
  getAllKeys(): IdbRequest<unknown[]>;
  put(value: unknown, key?: unknown): unknown;
}
interface IdbTransaction {
  error: unknown;
  objectStore(name: string): IdbStore;
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  addEventListener(type: 'complete', fn: () => void): void;
}
interface IdbDatabase {
  objectStoreNames: Iterable<string>;
  transaction(stores: string[], mode: 'readonly' | 'readwrite'): IdbTransaction;
  createObjectStore(name: string, opts: { keyPath?: string | string[]; autoIncrement: boolean }): IdbStore;
  close(): void;
}
interface IdbFactory {
  open(name: string, version?: number): IdbOpenRequest;
  databases(): Promise<Array<{ name?: string; version?: number }>>;
}

interface StoreDump {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: Array<IdbIndex & { name: string }>;
  keys: unknown[];
  values: unknown[];
}
interface DatabaseDump {
  name: string;
  version: number;
  stores: StoreDump[];
}
/** Whose state it is: a state is only ever reopened by the same device. */
export interface CryptoOwner {
  userId: string;
  deviceId: string;
}
interface FileContent {
  format: 1;
  owner: CryptoOwner;
  databases: DatabaseDump[];
}

const request = <T>(r: IdbRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
const done = (tx: IdbTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });

/** The one file-backed store of this process, told of every write transaction. */
let active: CryptoStateFile | undefined;
const proto = FakeDatabase.prototype as unknown as IdbDatabase;
const transaction = proto.transaction;
proto.transaction = function (this: IdbDatabase, stores, mode) {
  const tx = transaction.call(this, stores, mode);
  if (mode === 'readwrite') tx.addEventListener('complete', () => active?.changed());
  return tx;
};

export class CryptoStateFile {
  private readonly factory = new FakeFactory() as unknown as IdbFactory;
  private saving?: Promise<void>;
  private dirty = false;
  private closed = false;

  private constructor(
    private readonly file: string,
    readonly owner: CryptoOwner,
    private readonly onSaveError: (err: Error) => void,
  ) {}

  /** The owner of the state kept in `file`, if there is a readable one. */
  static async ownerOf(file: string): Promise<CryptoOwner | undefined> {
    return (await readContent(file))?.owner;
  }

  /**
   * Makes IndexedDB available to the crypto module with the state of `owner`
   * from `file` (empty when the file holds none, or another device's), and
   * saves it there from now on.
   */
  static async open(file: string, owner: CryptoOwner, onSaveError: (err: Error) => void): Promise<CryptoStateFile> {
    const state = new CryptoStateFile(file, owner, onSaveError);
    const content = await readContent(file);
    if (content && content.owner.userId === owner.userId && content.owner.deviceId === owner.deviceId) await state.load(content.databases);
    active?.detach();
    active = state;
    (globalThis as { indexedDB?: unknown }).indexedDB = state.factory;
    return state;
  }

  /** A write transaction completed: save soon (once for a burst of them). */
  changed(): void {
    if (this.closed) return;
    this.dirty = true;
    this.saving ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.saveLoop());
  }

  /** Writes the whole state now (after any save under way): resolves once every change made so far is on disk. */
  async flush(): Promise<void> {
    if (this.closed) return;
    this.dirty = true;
    this.saving ??= this.saveLoop();
    await this.saving;
  }

  /** Saves what is pending, then stops saving (the crypto module is being shut down). */
  async close(): Promise<void> {
    await this.flush();
    this.detach();
  }

  private detach(): void {
    this.closed = true;
    if (active === this) active = undefined;
  }

  private async saveLoop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        await this.save();
      }
    } catch (err) {
      // Kept in memory until the next change is saved; never a crash of the bot.
      this.onSaveError(err as Error);
    } finally {
      this.saving = undefined;
    }
  }

  private async save(): Promise<void> {
    const content: FileContent = { format: 1, owner: this.owner, databases: await this.dump() };
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, v8.serialize(content), { mode: 0o600 });
    await rename(tmp, this.file);
  }

  private async dump(): Promise<DatabaseDump[]> {
    const out: DatabaseDump[] = [];
    for (const { name, version } of await this.factory.databases()) {
      if (!name) continue;
      const db = await request(this.factory.open(name));
      const names = [...db.objectStoreNames];
      const stores: StoreDump[] = [];
      if (names.length) {
        // One read transaction over every store: a consistent snapshot.
        const tx = db.transaction(names, 'readonly');
        for (const s of names) {
          const os = tx.objectStore(s);
          const indexes = [...os.indexNames].map((i) => ({ name: i, ...pick(os.index(i)) }));
          stores.push({
            name: s,
            keyPath: os.keyPath,
            autoIncrement: os.autoIncrement,
            indexes,
            keys: await request(os.getAllKeys()),
            values: await request(os.getAll()),
          });
        }
      }
      db.close();
      out.push({ name, version: version ?? 1, stores });
    }
    return out;
  }

  private async load(databases: DatabaseDump[]): Promise<void> {
    for (const d of databases) {
      const open = this.factory.open(d.name, d.version);
      open.onupgradeneeded = () => {
        for (const s of d.stores) {
          const os = open.result.createObjectStore(s.name, { keyPath: s.keyPath ?? undefined, autoIncrement: s.autoIncrement });
          for (const i of s.indexes) os.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
        }
      };
      const db = await request(open);
      if (d.stores.length) {
        const tx = db.transaction(
          d.stores.map((s) => s.name),
          'readwrite',
        );
        for (const s of d.stores) {
          const os = tx.objectStore(s.name);
          // Out-of-line keys are given back; inline ones are inside the values.
          for (const [i, v] of s.values.entries()) {
            if (s.keyPath === null) os.put(v, s.keys[i]);
            else os.put(v);
          }
        }
        await done(tx);
      }
      db.close();
    }
  }
}

const pick = (i: IdbIndex): IdbIndex => ({ keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry });

async function readContent(file: string): Promise<FileContent | undefined> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let content: Partial<FileContent>;
  try {
    content = v8.deserialize(raw) as Partial<FileContent>;
  } catch {
    return undefined; // damaged: as good as lost
  }
  return content?.format === 1 && content.owner && Array.isArray(content.databases) ? (content as FileContent) : undefined;
}
