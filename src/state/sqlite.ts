import fs from 'node:fs';
import path from 'node:path';
import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import sqlite3 from 'sqlite3';
import { StoreError, type StateStore } from './types.js';

/** One row as keyv wrote it (the same table, so files written before stay readable). */
interface Row {
  value: string;
}
interface Stored {
  value: unknown;
  expires?: number;
}

const run = (db: sqlite3.Database | sqlite3.Statement, sql: string | undefined, ...params: unknown[]) =>
  new Promise<number>((resolve, reject) => {
    const done = function (this: sqlite3.RunResult, err: Error | null) {
      if (err) reject(err);
      else resolve(this?.changes ?? 0);
    };
    if (db instanceof sqlite3.Statement) db.run(...params, done);
    else db.run(sql!, ...params, done);
  });

const get = <T>(stmt: sqlite3.Statement, ...params: unknown[]) =>
  new Promise<T | undefined>((resolve, reject) => stmt.get(...params, (err: Error | null, row: T) => (err ? reject(err) : resolve(row))));

const openDb = (file: string, mode?: number) =>
  new Promise<sqlite3.Database>((resolve, reject) => {
    const db: sqlite3.Database =
      mode === undefined
        ? new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(db)))
        : new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
  });

const closeDb = (db: sqlite3.Database) => new Promise<void>((resolve) => db.close(() => resolve()));

/**
 * The embedded store: one SQLite file, one connection, one writer process.
 *
 * - A second process on the same file is refused at start with a French
 *   message (`<file>.lock`, held by SQLite's own lock, which the system lets
 *   go when a process dies, even under kill -9): two writers each reading and
 *   writing a person's record would lose each other's updates.
 * - `secure_delete` zeroes erased rows and `purge()` folds the write-ahead log
 *   back into the file, so that « oublie-moi » leaves nothing readable on disk.
 * - WAL with `synchronous=NORMAL` and prepared statements: a write costs no
 *   fsync, and a crash loses at most the last turns, never the file.
 */
export class SqliteStore implements StateStore {
  readonly kind = 'sqlite';
  private constructor(
    private readonly db: sqlite3.Database,
    private readonly lock: sqlite3.Database | undefined,
    private readonly stmts: Record<'get' | 'set' | 'del', sqlite3.Statement>,
  ) {}

  /** Opens (and creates) `file`; throws a `StoreError` naming `RUPN_STORE` when it cannot. */
  static async open(file: string): Promise<SqliteStore> {
    const memory = file === ':memory:';
    const relative = path.relative(process.cwd(), path.resolve(file));
    const shown = memory ? file : !relative || relative.startsWith('..') ? path.resolve(file) : relative;
    const cannot = (why: string) =>
      new StoreError(
        `RUPN_STORE : impossible d’ouvrir le fichier de données « ${shown} » (${why}). Indiquez un fichier dans un dossier accessible en écriture, par exemple RUPN_STORE=sqlite://data/rupn.sqlite.`,
      );
    if (!memory) {
      try {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      } catch (err) {
        throw cannot(reason(err));
      }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw cannot('c’est un dossier');
    }
    const lock = memory ? undefined : await takeLock(`${file}.lock`, shown, cannot);
    let db: sqlite3.Database;
    try {
      db = await openDb(file);
      db.configure('busyTimeout', 5000);
      for (const pragma of ['journal_mode = WAL', 'synchronous = NORMAL', 'secure_delete = ON']) await run(db, `PRAGMA ${pragma}`);
      await run(db, 'CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)');
      // a write at start: a read-only file is refused now, not found out at the first person's answer
      await run(db, 'PRAGMA user_version = 1');
      // locks (`…-locks`) belonged to the process that had the file before, which is gone (one writer per
      // file): a slot it was sending when it died is resumed now; claims of handled events stay
      await run(db, "DELETE FROM keyv WHERE key LIKE 'claim:%-locks:%'");
    } catch (err) {
      if (lock) await closeDb(lock);
      throw cannot(reason(err));
    }
    const stmts = {
      get: db.prepare('SELECT value FROM keyv WHERE key = ?'),
      set: db.prepare('INSERT INTO keyv(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      del: db.prepare('DELETE FROM keyv WHERE key = ?'),
    };
    return new SqliteStore(db, lock, stmts);
  }

  async read<T>(namespace: string, key: string): Promise<T | undefined> {
    const row = await get<Row>(this.stmts.get, `${namespace}:${key}`);
    if (!row) return undefined;
    const stored = defaultDeserialize<Stored>(row.value);
    if (typeof stored?.expires === 'number' && stored.expires <= Date.now()) {
      await run(this.stmts.del, undefined, `${namespace}:${key}`);
      return undefined;
    }
    return (stored?.value ?? undefined) as T | undefined;
  }

  async write<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<void> {
    const stored: Stored = ttlMs ? { value, expires: Date.now() + ttlMs } : { value };
    await run(this.stmts.set, undefined, `${namespace}:${key}`, defaultSerialize(stored));
  }

  async delete(namespace: string, key: string): Promise<void> {
    await run(this.stmts.del, undefined, `${namespace}:${key}`);
  }

  /** Claims in the file, so that they hold across a restart (a retried event is not handled twice). */
  async claim(namespace: string, key: string, ttlMs: number): Promise<boolean> {
    const k = `claim:${namespace}:${key}`;
    const now = Date.now();
    // one statement: inserts a new claim, or takes over an expired one, never a live one
    const changes = await run(
      this.db,
      `INSERT INTO keyv(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE json_extract(keyv.value, '$.expires') <= ?`,
      k,
      defaultSerialize({ value: 1, expires: now + ttlMs }),
      now,
    );
    return changes === 1;
  }

  async release(namespace: string, key: string): Promise<void> {
    await this.delete('claim', `${namespace}:${key}`);
  }

  /** Erased rows are zeroed already; this moves the log back into the file so no older copy stays beside it. */
  async purge(): Promise<void> {
    await run(this.db, 'PRAGMA wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    for (const s of Object.values(this.stmts)) await new Promise<void>((r) => s.finalize(() => r()));
    await run(this.db, 'PRAGMA wal_checkpoint(TRUNCATE)').catch(() => 0);
    await closeDb(this.db);
    if (this.lock) await closeDb(this.lock);
  }
}

function reason(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'le chemin passe par un fichier, pas un dossier';
  if (/READONLY/.test(String(code ?? (err as Error).message))) return 'le fichier est en lecture seule';
  if (code === 'EACCES' || code === 'EPERM' || /CANTOPEN/.test(String(code ?? (err as Error).message)))
    return 'accès refusé ou chemin introuvable';
  return (err as Error).message ?? String(err);
}

/** Holds `<file>.lock` for the life of the process; another process holding it is refused. */
async function takeLock(file: string, shown: string, cannot: (why: string) => StoreError): Promise<sqlite3.Database> {
  let db: sqlite3.Database;
  try {
    db = await openDb(file);
  } catch (err) {
    throw cannot(reason(err));
  }
  try {
    // exclusive locking mode keeps the lock after the first write, until the connection closes
    await run(db, 'PRAGMA locking_mode = EXCLUSIVE');
    await run(db, 'CREATE TABLE IF NOT EXISTS owner(pid INTEGER)');
    await run(db, 'BEGIN EXCLUSIVE');
    await run(db, 'DELETE FROM owner');
    await run(db, 'INSERT INTO owner(pid) VALUES(?)', process.pid);
    await run(db, 'COMMIT');
    return db;
  } catch (err) {
    await closeDb(db);
    if (/BUSY|LOCKED/.test(String((err as { code?: string }).code))) {
      throw new StoreError(
        `RUPN_STORE : le fichier de données « ${shown} » est déjà utilisé par un autre processus de l’assistant (npm start ou batch). Un seul processus peut l’écrire à la fois : arrêtez l’autre, ou donnez à celui-ci un autre fichier (RUPN_STORE=sqlite://autre.sqlite, ou --store pour batch), ou Redis (redis://…) pour plusieurs instances.`,
      );
    }
    throw cannot(reason(err));
  }
}
