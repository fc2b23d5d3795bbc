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
}

/** The store cannot be opened as configured: a French message naming `RUPN_STORE`. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** A store call failed or took too long: the turn goes on, remembering nothing. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}
