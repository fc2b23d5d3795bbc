import readline from 'node:readline';
import { createAssistant } from '../app.js';
import { recordUnanswered } from '../shared/config.js';
import type { Assistant } from '../core/assistant.js';
import { createLogger } from '../shared/logger.js';
import { replyText } from '../shared/text.js';
import { openStore } from '../state/store.js';
import { exitOnStartupError, quietOnClosedOutput } from './exit.js';
import { parseLine } from './batch-line.js';

let record = true;
try {
  record = recordUnanswered();
} catch (err) {
  process.stderr.write(`batch : ${(err as Error).message}\n`);
  process.exit(2);
}
const log = createLogger((process.env.RUPN_LOG_LEVEL as 'info') || 'warn', 'batch');
quietOnClosedOutput();
const storeArg = process.argv.indexOf('--store');
const store = await openStore(storeArg > 0 ? process.argv[storeArg + 1] : (process.env.RUPN_STORE ?? 'memory'), {
  logger: log.child('store'),
}).catch(exitOnStartupError);
let assistant: Assistant;
try {
  assistant = createAssistant(store, { logger: log, cache: true, recordUnanswered: record });
} catch (err) {
  await store.close();
  exitOnStartupError(err);
}
assistant.engine.warm();

// Exactly one output line per input line, in order (../shared/CONTRACT.md, docs/CONTRACT.md). Up to WINDOW lines are
// handled at once, so that one line's store commit overlaps the next one's work; the same person's lines still run one
// after the other (the assistant queues them), and each line's output waits for the lines before it.
// Only where shared keys are updated at the commit (SQLite): elsewhere they are updated under claims, which lines
// handled at once would wait for.
const WINDOW = store.transaction ? 16 : 1;
const done = new Map<number, object>();
let written = 0;
let room: (() => void) | undefined;
/** Writes every finished output that has all the ones before it written. */
function flush(): void {
  // one write for the outputs ready together (a write is a system call when the output is a file)
  let ready = '';
  for (let o = done.get(written + 1); o; o = done.get(written + 1)) {
    done.delete(++written);
    ready += `${JSON.stringify(o)}\n`;
  }
  if (ready) process.stdout.write(ready);
  room?.();
}
let n = 0;
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  const at = ++n;
  void answer(line, at).then((o) => {
    done.set(at, o);
    flush();
  });
  while (n - written >= WINDOW) await new Promise<void>((r) => (room = r));
}
while (written < n) await new Promise<void>((r) => (room = r));

/** One input line's output object; never rejects. */
async function answer(line: string, n: number): Promise<object> {
  const input = parseLine(line);
  if ('error' in input) return { user: null, line: n, error: input.error };
  const user = input.user ?? `anonyme-${n}`;
  const t0 = performance.now();
  try {
    const r = await assistant.handle({
      platform: 'batch',
      workspace: '-',
      user,
      conversation: 'batch',
      text: input.text,
      profile: input.profile ?? undefined,
    });
    const ms = performance.now() - t0;
    return {
      user: input.user ?? null,
      intent: r.intent,
      topic: r.topic,
      confidence: r.confidence,
      reply: replyText(r),
      ms: Number(ms.toFixed(3)),
    };
  } catch (err) {
    log.error('turn.failed', { line: n, err: err as Error });
    return { user: input.user ?? null, line: n, error: 'erreur interne en traitant cette ligne' };
  }
}
await store.close();
