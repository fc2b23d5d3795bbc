import fs from 'node:fs';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import sqlite3 from 'sqlite3';
import { decode, encode, Pending, RowCache } from './rows.js';
import { StoreError, type StateStore, type Transaction } from './types.js';

/** One row as keyv wrote it (the same table, so files written before stay readable). */
interface Row {
  value: string;
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

/** Rows kept in memory between turns: the active people, the roster, this week's counts. */
const CACHED_ROWS = 2000;

/**
 * The embedded store: one SQLite file, one connection, one writer process.
 *
 * - A second process on the same file is refused at start with a French
 *   message (`<file>.lock`, held by SQLite's own lock, which the system lets
 *   go when a process dies, even under kill -9): two writers each reading and
 *   writing a person's record would lose each other's updates.
 * - One transaction per turn (`transaction()`): a turn's writes are held and
 *   land together at its end, all or nothing, so a crash mid-turn leaves the
 *   previous state; shared keys (`update`) are changed at that commit, under
 *   the store's one writing queue, so no claim is needed.
 * - Since this process is the only writer, rows read or written stay in a
 *   small cache: most turns read nothing from the file and write once.
 * - `secure_delete` zeroes erased rows and `purge()` folds the write-ahead log
 *   back into the file, so that « oublie-moi » leaves nothing readable on disk.
 * - WAL with `synchronous=NORMAL` and prepared statements: a commit costs no
 *   fsync, and a crash loses at most the last turns, never the file.
 */
export class SqliteStore implements StateStore {
  readonly kind = 'sqlite';
  private readonly cache = new RowCache(CACHED_ROWS);
  private readonly turn = new AsyncLocalStorage<Pending>();
  /** Writes, claims and commits, one after the other: no statement runs inside another turn's transaction. */
  private writing: Promise<unknown> = Promise.resolve();
  /** The turns waiting for the next transaction, and what was queued when it was (see `commit`). */
  private nextGroup?: { turns: Pending[]; done: Promise<void>; queuedAfter: Promise<unknown> };
  /** Counts changes, so that a read that raced a commit does not cache what it read before it. */
  private changes = 0;

  private constructor(
    private readonly db: sqlite3.Database,
    private readonly lock: sqlite3.Database | undefined,
    private readonly stmts: Record<'get' | 'setMany' | 'delMany', sqlite3.Statement>,
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
    // a turn's rows go in one statement each way: `[[key, value], …]` and `[key, …]` as JSON
    const stmts = {
      get: db.prepare('SELECT value FROM keyv WHERE key = ?'),
      setMany: db.prepare(
        "INSERT INTO keyv(key, value) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ),
      delMany: db.prepare('DELETE FROM keyv WHERE key IN (SELECT value FROM json_each(?))'),
    };
    return new SqliteStore(db, lock, stmts);
  }

  transaction(): Transaction {
    const pending = new Pending();
    return {
      run: (work) => this.turn.run(pending, work),
      commit: () => this.commit(pending),
    };
  }

  async read<T>(namespace: string, key: string): Promise<T | undefined> {
    const k = `${namespace}:${key}`;
    const pending = this.turn.getStore();
    const held = pending?.rows.get(k);
    const found = decode(held !== undefined ? (held ?? undefined) : await this.row(k));
    let value = found === 'expired' ? undefined : found?.value;
    if (found === 'expired') await this.delete(namespace, key);
    // the turn's own updates of a shared key, as they will be applied at its commit
    for (const u of pending?.updates.get(k) ?? []) value = u.change(value) ?? value;
    return value as T | undefined;
  }

  write<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<void> {
    return this.put(`${namespace}:${key}`, encode(value, ttlMs));
  }

  delete(namespace: string, key: string): Promise<void> {
    return this.put(`${namespace}:${key}`, null);
  }

  async update<T>(namespace: string, key: string, change: (value: T | undefined) => T | undefined, ttlMs?: number): Promise<void> {
    const k = `${namespace}:${key}`;
    const u = { change: change as (v: unknown) => unknown, ttlMs };
    const pending = this.turn.getStore();
    if (pending) pending.update(k, u);
    else {
      const alone = new Pending();
      alone.update(k, u);
      await this.exclusive(() => this.commitGroup([alone]));
    }
  }

  /** Claims in the file, so that they hold across a restart (a retried event is not handled twice); never held for a commit. */
  claim(namespace: string, key: string, ttlMs: number): Promise<boolean> {
    const k = `claim:${namespace}:${key}`;
    return this.exclusive(async () => {
      const now = Date.now();
      this.cache.forget(k);
      // one statement: inserts a new claim, or takes over an expired one, never a live one
      const changes = await run(
        this.db,
        `INSERT INTO keyv(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE json_extract(keyv.value, '$.expires') <= ?`,
        k,
        encode(1, ttlMs, now),
        now,
      );
      return changes === 1;
    });
  }

  release(namespace: string, key: string): Promise<void> {
    return this.exclusive(() => this.apply(new Map([[`claim:${namespace}:${key}`, null]])));
  }

  /** Erased rows are zeroed already; this moves the log back into the file so no older copy stays beside it. */
  async purge(): Promise<void> {
    const pending = this.turn.getStore();
    if (pending) pending.purge = true;
    else await this.exclusive(() => run(this.db, 'PRAGMA wal_checkpoint(TRUNCATE)'));
  }

  async close(): Promise<void> {
    await this.writing;
    for (const s of Object.values(this.stmts)) await new Promise<void>((r) => s.finalize(() => r()));
    await run(this.db, 'PRAGMA wal_checkpoint(TRUNCATE)').catch(() => 0);
    await closeDb(this.db);
    if (this.lock) await closeDb(this.lock);
    this.cache.clear();
  }

  /** A write or delete: held by the turn in progress, else written now. */
  private async put(k: string, row: string | null): Promise<void> {
    const pending = this.turn.getStore();
    if (pending) pending.write(k, row);
    else await this.exclusive(() => this.apply(new Map([[k, row]])));
  }

  /** The committed row: from the cache, else from the file (and then cached, unless a change raced the read). */
  private async row(k: string): Promise<string | undefined> {
    const cached = this.cache.get(k);
    if (cached !== undefined) return cached ?? undefined;
    const seen = this.changes;
    const found = await get<Row>(this.stmts.get, k);
    if (seen === this.changes) this.cache.set(k, found?.value ?? null);
    return found?.value;
  }

  /**
   * A turn's end: its updates applied to the values now current, then every row in one transaction.
   * Turns that end while the file is busy wait together and go in the next transaction (group commit:
   * one statement and one write-ahead log append for all of them), applied in the order they ended,
   * each all or nothing as before; a write queued after them keeps its place.
   */
  private commit(pending: Pending): Promise<void> {
    if (!pending.rows.size && !pending.updates.size && !pending.purge) return Promise.resolve();
    let group = this.nextGroup;
    if (!group || group.queuedAfter !== this.writing) {
      const turns: Pending[] = [];
      const done = this.exclusive(async () => {
        if (this.nextGroup?.turns === turns) this.nextGroup = undefined;
        await this.commitGroup(turns);
      });
      group = this.nextGroup = { turns, done, queuedAfter: this.writing };
    }
    group.turns.push(pending);
    return group.done;
  }

  /**
   * Several turns' writes in one transaction, in order: each turn's rows, then its updates applied to what
   * the turns before it left (an update that changes nothing writes nothing). An updated key's value goes
   * from turn to turn as a value and is turned into text once, at the end (the day's activity counts, the
   * roster: updated by every turn of the group).
   */
  private async commitGroup(turns: Pending[]): Promise<void> {
    const rows = new Map<string, string | null>();
    const values = new Map<string, { value: unknown; ttlMs?: number }>();
    for (const p of turns) {
      for (const [k, row] of p.rows) {
        rows.set(k, row);
        values.delete(k);
      }
      for (const [k, list] of p.updates) {
        const held = values.get(k);
        let value = held?.value;
        let ttlMs = held?.ttlMs;
        if (!held) {
          const found = decode((rows.has(k) ? rows.get(k) : await this.row(k)) ?? undefined);
          value = found === 'expired' ? undefined : found?.value;
        }
        let changed = false;
        for (const u of list) {
          const next = u.change(value);
          if (next === undefined) continue;
          [value, ttlMs, changed] = [next, u.ttlMs, true];
        }
        if (changed) values.set(k, { value, ttlMs });
      }
    }
    for (const [k, { value, ttlMs }] of values) rows.set(k, encode(value, ttlMs));
    await this.apply(rows);
    if (turns.some((p) => p.purge)) await run(this.db, 'PRAGMA wal_checkpoint(TRUNCATE)');
  }

  /** Writes rows (null: delete) in one transaction; the cache follows once they are in the file. Call under `exclusive`. */
  private async apply(rows: Map<string, string | null>): Promise<void> {
    const sets = [...rows].filter((r): r is [string, string] => r[1] !== null);
    const dels = [...rows].filter(([, v]) => v === null).map(([k]) => k);
    if (!sets.length && !dels.length) return;
    // a read that overlaps any part of this (before, during, after the statements) does not cache what it saw
    this.changes++;
    for (const k of rows.keys()) this.cache.forget(k);
    try {
      await this.statements(sets, dels);
    } finally {
      this.changes++;
    }
    for (const [k, v] of rows) this.cache.set(k, v);
  }

  private async statements(sets: [string, string][], dels: string[]): Promise<void> {
    if (!sets.length || !dels.length) {
      // one statement is a transaction by itself
      await (sets.length
        ? run(this.stmts.setMany, undefined, JSON.stringify(sets))
        : run(this.stmts.delMany, undefined, JSON.stringify(dels)));
    } else {
      // the statements are queued together (one wait), then committed, or rolled back if one failed
      const steps: Promise<number>[] = [];
      this.db.serialize(() => {
        steps.push(run(this.db, 'BEGIN IMMEDIATE'));
        steps.push(run(this.stmts.setMany, undefined, JSON.stringify(sets)));
        steps.push(run(this.stmts.delMany, undefined, JSON.stringify(dels)));
      });
      const done = await Promise.allSettled(steps);
      const failed = done.find((d) => d.status === 'rejected');
      if (failed) {
        await run(this.db, 'ROLLBACK').catch(() => 0);
        throw failed.reason;
      }
      await run(this.db, 'COMMIT');
    }
  }

  /** Runs `op` after every write already queued. */
  private exclusive<R>(op: () => Promise<R>): Promise<R> {
    const next = this.writing.then(op, op);
    this.writing = next.catch(() => {});
    return next;
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
