import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';

/** A value as keyv writes it in its table (files written before stay readable). */
interface Stored {
  value: unknown;
  expires?: number;
}

/**
 * Where a string value starting with « : » may be in JSON text (keyv escapes those): a structural quote after
 * « : », « , » or « [ » (or at the start) followed by « : ». A key starting with « : » matches too: the slow path.
 */
const COLON_STRING = /(?:^|[,:[])\s*":/;

/**
 * keyv's `defaultSerialize`, to the same text: it walks every value in JavaScript, where the native
 * `JSON.stringify` gives the same text unless a string starts with « : » or a Buffer is inside (then keyv's own).
 */
export function serialize(data: unknown): string {
  const text = JSON.stringify(data ?? null) as string | undefined;
  return text === undefined || COLON_STRING.test(text) || text.includes('"type":"Buffer"') ? defaultSerialize(data) : text;
}

/** keyv's `defaultDeserialize`, to the same value: its reviver (called on every value) only changes strings starting with « : ». */
export function deserialize<T>(text: string): T {
  return COLON_STRING.test(text) ? defaultDeserialize<T>(text) : (JSON.parse(text) as T);
}

/** A value and its time to live, as a row's text. */
export function encode(value: unknown, ttlMs?: number, now = Date.now()): string {
  return serialize(ttlMs ? { value, expires: now + ttlMs } : { value });
}

/** A row's value, or `expired`, or undefined for no row; a fresh object each time, which the caller may change. */
export function decode(row: string | undefined, now = Date.now()): { value: unknown } | 'expired' | undefined {
  if (row === undefined) return undefined;
  const stored = deserialize<Stored>(row);
  if (typeof stored?.expires === 'number' && stored.expires <= now) return 'expired';
  return { value: stored?.value ?? undefined };
}

/**
 * Rows last read or written, most recent last (a Map keeps insertion order).
 * Only right because one process writes the file (see `SqliteStore`): every
 * change passes here. `null` remembers that a row is absent.
 */
export class RowCache {
  private readonly rows = new Map<string, string | null>();
  constructor(private readonly max: number) {}

  /** The row's text, null when known absent, undefined when not cached. */
  get(key: string): string | null | undefined {
    const row = this.rows.get(key);
    if (row !== undefined) {
      this.rows.delete(key);
      this.rows.set(key, row);
    }
    return row;
  }

  set(key: string, row: string | null): void {
    this.rows.delete(key);
    this.rows.set(key, row);
    if (this.rows.size > this.max) this.rows.delete(this.rows.keys().next().value as string);
  }

  forget(key: string): void {
    this.rows.delete(key);
  }

  clear(): void {
    this.rows.clear();
  }
}

/** A shared key's change, applied when the turn commits (to the value then current). */
export interface PendingUpdate {
  change: (value: unknown) => unknown;
  ttlMs?: number;
}

/** One turn's writes, held until it commits: rows written (null: deleted), updates of shared keys, a purge. */
export class Pending {
  readonly rows = new Map<string, string | null>();
  readonly updates = new Map<string, PendingUpdate[]>();
  purge = false;

  write(key: string, row: string | null): void {
    this.rows.set(key, row);
    this.updates.delete(key); // what is written now replaces earlier updates of the turn
  }

  update(key: string, u: PendingUpdate): void {
    const list = this.updates.get(key);
    if (list) list.push(u);
    else this.updates.set(key, [u]);
  }
}
