/** The logger every module receives; library code never writes to the console itself. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(namespace: string): Logger;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
export type LogLevel = keyof typeof LEVELS;

/** Keys whose values never reach a log line, whatever the level. */
const SECRET = /token|secret|password|authorization|cookie/i;

function scrub(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET.test(k)) out[k] = '[masqué]';
    else if (v instanceof Error) out[k] = { name: v.name, message: v.message, code: (v as { code?: unknown }).code };
    else out[k] = v;
  }
  return out;
}

/** JSON lines on stderr (stdout belongs to the console chat and to `batch`). */
export function createLogger(
  level: LogLevel = 'info',
  namespace = 'rupn',
  write: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Logger {
  const min = LEVELS[level];
  const emit =
    (lvl: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS[lvl] < min) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: lvl, ns: namespace, msg, ...scrub(fields) }));
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (ns) => createLogger(level, `${namespace}:${ns}`, write),
  };
}

export const silentLogger: Logger = createLogger('silent');
