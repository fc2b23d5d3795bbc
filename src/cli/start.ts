import { ConsoleAdapter } from '../../adapters/console/index.js';
import { configuredPlatforms } from '../../adapters/index.js';
import type { PlatformModule } from '../../adapters/platform.js';
import { createAssistant } from '../app.js';
import type { Assistant } from '../core/assistant.js';
import { baseEnvSchema, loadDotEnv, parseEnv, type BaseEnv } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import type { Adapter } from '../shared/types.js';
import { openStore } from '../state/store.js';
import { exitOnStartupError } from './exit.js';
import { reloadEnvSchema, reloadOnDemand } from './reload.js';
import { scheduleEnvSchema, startScheduler } from '../schedule/config.js';
import type { Scheduler } from '../schedule/scheduler.js';
import { adminConfig, type AdminConfig } from '../admin/config.js';
import { adapterHealth } from '../shared/health.js';
import { memoryStore } from '../state/store.js';
import type { FastifyInstance } from 'fastify';

/**
 * `npm start`: every platform whose variables are set, or the console chat when
 * none are. A bad variable stops here with a message naming it.
 */
function fail(message: string): never {
  process.stderr.write(`Démarrage impossible. ${message}\n`);
  process.exit(1);
}

loadDotEnv();
let base: BaseEnv;
let watch = false;
let admin: AdminConfig | undefined;
const configs: { module: PlatformModule<unknown>; config: unknown }[] = [];
try {
  base = parseEnv(baseEnvSchema, process.env);
  parseEnv(scheduleEnvSchema, process.env); // reminders' settings, checked before anything starts
  watch = parseEnv(reloadEnvSchema, process.env).RUPN_KNOWLEDGE_WATCH;
  admin = adminConfig(process.env); // the operators' page, when RUPN_ADMIN_PORT is set
  const errors: string[] = [];
  for (const module of await configuredPlatforms(process.env)) {
    try {
      const config = module.fromEnv(process.env);
      if (config !== undefined) configs.push({ module, config });
    } catch (err) {
      errors.push(`[${module.name}] ${(err as Error).message}`);
    }
  }
  if (errors.length) fail(`Configuration invalide :\n${errors.join('\n')}`);
} catch (err) {
  exitOnStartupError(err);
}

// The console chat owns the terminal: only warnings go to stderr there.
const log = createLogger(!configs.length && base.RUPN_LOG_LEVEL === 'info' ? 'warn' : base.RUPN_LOG_LEVEL);
const store = await openStore(base.RUPN_STORE, { logger: log.child('store') }).catch(exitOnStartupError);
let assistant: Assistant;
const loadStarted = performance.now();
try {
  assistant = createAssistant(store, {
    logger: log,
    knowledge: base.RUPN_KNOWLEDGE_DIR,
    cache: true,
    recordUnanswered: base.RUPN_RECORD_UNANSWERED,
  });
} catch (err) {
  await store.close();
  exitOnStartupError(err);
}
const knowledgeLoadMs = performance.now() - loadStarted;
// « l’académie de Bordeaux »: the adapters' welcome and descriptions name the pack's académie
const academie = `l’${assistant.engine.kb.academie.libelle}`;

const adapters: Adapter[] = configs.length
  ? configs.map(({ module, config }) => module.create(config, assistant, log.child(module.name), { store, academie }))
  : [new ConsoleAdapter(assistant, { academie, logger: log.child('console'), onClose: () => void shutdown(0) })];

// kill -HUP <pid> (or a change in the folder, with RUPN_KNOWLEDGE_WATCH=true) reloads the knowledge between turns
const stopReloading = reloadOnDemand(() => assistant.reload(), { dir: assistant.engine.kb.dir, watch, logger: log.child('knowledge') });

let stopping = false;
let scheduler: Scheduler | undefined;
let adminServer: FastifyInstance | undefined;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  stopReloading();
  await scheduler?.stop();
  await adminServer?.close().catch(() => {});
  await Promise.allSettled(adapters.map((a) => a.stop()));
  await store.close();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

// The operators' page, in the same process: it reads the store and the engine, and writes nothing else.
if (admin) {
  try {
    // fastify and the page's plugins are loaded only when the page is wanted
    const { startAdmin } = await import('../admin/start.js');
    const started = await startAdmin(admin, {
      store,
      engine: assistant.engine,
      currentEngine: () => assistant.engine, // after a reload, the panels read the new knowledge
      logger: log.child('admin'),
      knowledgeLoadMs,
      sandbox: (engine) => createAssistant(memoryStore(), { engine }), // a throwaway store, the engine answering now
    });
    adminServer = started.app;
    process.stderr.write(`${started.notice}\n`);
  } catch (err) {
    process.stderr.write(`Démarrage impossible. ${(err as Error).message}\n`);
    await shutdown(1);
  }
}

for (const adapter of adapters) {
  try {
    await adapter.start();
    adapterHealth.connected(adapter.name);
    if (adapter.name !== 'console') log.info('adapter.started', { adapter: adapter.name, store: store.kind });
  } catch (err) {
    log.error('adapter.start_failed', { adapter: adapter.name, err: err as Error });
    process.stderr.write(`Démarrage de ${adapter.name} impossible : ${(err as Error).message}\n`);
    await shutdown(1);
  }
}

// Reminders and digests go out through the adapters just started (RUPN_SCHEDULER=off to keep them quiet).
if (!stopping) scheduler = startScheduler(assistant.engine.kb, store, adapters, log.child('schedule'));
