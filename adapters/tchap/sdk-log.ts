import type { Logger as SdkLogger } from 'matrix-js-sdk/lib/logger.js';
import { logger as sdkRootLogger } from 'matrix-js-sdk/lib/logger.js';
import { silentLogger, type Logger } from '../../src/index.js';

/**
 * matrix-js-sdk writes to the console through a process-wide loglevel logger
 * (sync, push rules, RTC…), even when a client gets its own logger. Both are
 * routed here, at debug level: the adapter logs what matters itself, and
 * stdout stays clean. The SDK never logs the access token (it goes in a header).
 */

let sink: Logger = silentLogger;

const text = (args: unknown[]) =>
  args
    .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : safeJson(a)))
    .join(' ')
    .slice(0, 500);

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

interface LoglevelLike {
  methodFactory: (method: string, level: unknown, name: unknown) => (...args: unknown[]) => void;
  rebuild?: () => void;
}

let routed = false;

/** Sends the SDK's global logs to `log` (the last adapter started wins: there is one per process). */
export function routeSdkLogs(log: Logger): void {
  sink = log;
  if (routed) return;
  routed = true;
  const root = sdkRootLogger as unknown as LoglevelLike;
  // Child loggers the SDK creates later copy this factory.
  root.methodFactory =
    (_method, _level, name) =>
    (...args) =>
      sink.debug('tchap.sdk', { sdk: String(name), detail: text(args) });
  root.rebuild?.();
}

/** A per-client SDK logger over ours. */
export function sdkLogger(log: Logger, prefix = 'matrix'): SdkLogger {
  const emit = (...args: unknown[]) => log.debug('tchap.sdk', { sdk: prefix, detail: text(args) });
  return { trace: emit, debug: emit, info: emit, warn: emit, error: emit, getChild: (ns: string) => sdkLogger(log, `${prefix}${ns}`) };
}

/**
 * The Rust crypto module traces to the console at debug level while
 * `initRustCrypto` runs (it turns its tracing on there); those lines go to
 * our logger at debug level, then its tracing is turned off.
 */
export async function routeConsoleDuring<T>(log: Logger, task: () => Promise<T>): Promise<T> {
  const { debug, info } = console;
  const emit = (...args: unknown[]) => log.debug('tchap.sdk', { sdk: 'rust-crypto', detail: text(args) });
  console.debug = console.info = emit;
  try {
    return await task();
  } finally {
    console.debug = debug;
    console.info = info;
  }
}
