import readline from 'node:readline';
import { z } from 'zod';
import { createAssistant } from '../app.js';
import { recordUnanswered } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { replyText } from '../shared/text.js';
import { openStore } from '../state/store.js';

/** One input line of `npm run -s batch` (../shared/CONTRACT.md). */
const lineSchema = z.object({
  user: z.union([z.string(), z.number()]).transform(String).optional(),
  profile: z
    .object({
      departement: z.union([z.string(), z.number()]).transform(String).optional(),
      niveau: z.enum(['college', 'lycee']).optional(),
    })
    .optional()
    .nullable(),
  text: z.string().optional().default(''),
});

let record = true;
try {
  record = recordUnanswered();
} catch (err) {
  process.stderr.write(`batch : ${(err as Error).message}\n`);
  process.exit(2);
}
const log = createLogger((process.env.RUPN_LOG_LEVEL as 'info') || 'warn', 'batch');
const storeArg = process.argv.indexOf('--store');
const store = await openStore(storeArg > 0 ? process.argv[storeArg + 1] : 'memory');
// memory unless --store: a batch run leaves no unanswered questions behind
const assistant = createAssistant(store, { logger: log, cache: true, recordUnanswered: record });
assistant.engine.warm();
const write = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

let n = 0;
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  n++;
  if (!line.trim()) continue;
  let input: z.infer<typeof lineSchema>;
  try {
    input = lineSchema.parse(JSON.parse(line));
  } catch (err) {
    write({ line: n, error: err instanceof SyntaxError ? 'ligne JSON invalide' : `ligne non conforme : ${(err as z.ZodError).issues?.map((i) => `${i.path.join('.') || 'ligne'} : ${i.message}`).join(' ; ') ?? String(err)}` });
    continue;
  }
  const user = input.user ?? `anonyme-${n}`;
  const t0 = performance.now();
  try {
    const r = await assistant.handle({ platform: 'batch', workspace: '-', user, conversation: 'batch', text: input.text, profile: input.profile ?? undefined });
    const ms = performance.now() - t0;
    write({ user: input.user ?? null, intent: r.intent, topic: r.topic, confidence: r.confidence, reply: replyText(r), ms: Number(ms.toFixed(3)) });
  } catch (err) {
    log.error('turn.failed', { line: n, err: err as Error });
    write({ user: input.user ?? null, line: n, error: 'erreur interne en traitant cette ligne' });
  }
}
await store.close();
