import { createHash } from 'node:crypto';
import type { StateStore } from '../state/store.js';
import type { Adapter, Address, OutgoingMessage, SendResult } from '../shared/types.js';
import { SCHEDULE } from './audience.js';

/** Namespace of the sent-ledger: one entry per (job, slot, recipient). */
export const LEDGER = 'ledger';
/** Ledger entries outlive any catch-up window. */
export const LEDGER_TTL_MS = 120 * 864e5;

/**
 * `sending` is written before the platform is called and replaced by the
 * outcome after: an entry still `sending` after a crash is not sent again
 * (the message may have left), so nobody gets it twice.
 */
export type LedgerStatus = 'sending' | 'delivered' | 'refused' | 'retry' | 'skipped';
export interface LedgerEntry {
  status: LedgerStatus;
  at: string;
  attempts: number;
  reason?: string;
}

/** What `deliver` ends with. */
export interface Outcome {
  status: 'delivered' | 'refused' | 'retry';
  attempts: number;
  reason?: string;
}

/** A recipient as the ledger names it: a hash, so that the ledger holds no platform id once the person is forgotten. */
export const pseudonym = (recipient: string) =>
  recipient === '*' ? '*' : createHash('sha256').update(recipient).digest('base64url').slice(0, 22);

export const ledgerKey = (job: string, slot: string, recipient: string) => `${job}|${slot}|${pseudonym(recipient)}`;

export interface DeliveryOptions {
  /** Waits (injected: tests never wait on the wall clock). */
  sleep: (ms: number) => Promise<void>;
  /** Calls per send before a transient failure is left to the next run. */
  maxAttempts: number;
  /** Longest single wait, whatever Retry-After says. */
  maxWaitMs: number;
}

/**
 * Sends once, honouring `retry` (the platform's Retry-After, or an
 * exponential backoff when it is shorter) up to `maxAttempts`; a refusal is
 * final. `send` never throws by contract; a throw is read as transient.
 */
export async function deliver(adapter: Adapter, address: Address, message: OutgoingMessage, opts: DeliveryOptions): Promise<Outcome> {
  let reason = '';
  for (let attempt = 1; attempt <= opts.maxAttempts; attempt++) {
    let r: SendResult;
    try {
      r = await adapter.send(address, message);
    } catch (err) {
      r = { status: 'retry' as const, afterSeconds: 1, reason: (err as Error).message };
    }
    if (r.status === 'delivered') return { status: 'delivered', attempts: attempt };
    if (r.status === 'refused') return { status: 'refused', attempts: attempt, reason: r.reason };
    reason = r.reason;
    if (attempt < opts.maxAttempts) await opts.sleep(Math.min(opts.maxWaitMs, Math.max(r.afterSeconds * 1000, 1000 * 2 ** (attempt - 1))));
  }
  return { status: 'retry', attempts: opts.maxAttempts, reason };
}

/** Refusals in a row after which a recipient is no longer tried (a bot removed from a room, DMs closed for good). */
export const MAX_REFUSALS = 3;
const refusalsKey = (recipient: string) => `refusals:${pseudonym(recipient)}`;

/** Counts a recipient's refusals in a row; a delivery resets the count. */
export async function noteOutcome(store: StateStore, recipient: string, status: LedgerStatus): Promise<void> {
  if (status !== 'delivered' && status !== 'refused') return;
  const count = (await store.read<number>(SCHEDULE, refusalsKey(recipient))) ?? 0;
  if (status === 'refused') await store.write(SCHEDULE, refusalsKey(recipient), count + 1, LEDGER_TTL_MS);
  else if (count) await store.delete(SCHEDULE, refusalsKey(recipient));
}

/** Whether a recipient was refused too often in a row to be tried again. */
export async function dropped(store: StateStore, recipient: string): Promise<boolean> {
  return ((await store.read<number>(SCHEDULE, refusalsKey(recipient))) ?? 0) >= MAX_REFUSALS;
}
