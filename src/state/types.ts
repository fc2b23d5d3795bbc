/** The few verbs the assistant needs from storage; one keyv instance per namespace. */
export interface StateStore {
  read<T>(namespace: string, key: string): Promise<T | undefined>;
  write<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
  /**
   * Takes `key` for `ttlMs` if nobody holds it: true for exactly one caller,
   * even across instances sharing Redis (a retried event, a reminder to send).
   */
  claim(namespace: string, key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back before its time is up. */
  release(namespace: string, key: string): Promise<void>;
  /** Makes what was just deleted unreadable on disk too (« oublie-moi »); nothing to do off disk. */
  purge(): Promise<void>;
  close(): Promise<void>;
  /** `memory`, `sqlite` or `redis`: for the logs and `mes données`. */
  readonly kind: string;
  /**
   * Read-modify-write of one key shared by everyone (the scheduler's roster, a
   * day of unanswered questions), atomic; `change` returns the new value, or
   * undefined to leave it. Absent: `updateKey` does it under a claim.
   */
  update?<T>(namespace: string, key: string, change: (value: T | undefined) => T | undefined, ttlMs?: number): Promise<void>;
  /** A unit of work for one turn, on stores that have transactions (SQLite); absent: every write lands at once. */
  transaction?(): Transaction;
}

/**
 * One turn's writes, all or nothing: what `run`'s work writes, deletes or
 * updates through the store is held (and read back by that work) until
 * `commit` puts it in the file in one transaction. A crash before then leaves
 * the previous state; other turns see the new one only once it is committed.
 */
export interface Transaction {
  run<R>(work: () => Promise<R>): Promise<R>;
  commit(): Promise<void>;
}

/** The store cannot be opened as configured: a French message naming `RUPN_STORE`. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** A store call failed or took too long: the turn goes on, remembering nothing. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}
