import { ConsoleAdapter } from '../../adapters/console/index.js';
import { createAssistant } from '../core/bootstrap.js';
import { baseEnvSchema, ConfigError, loadDotEnv, parseEnv } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { openStore } from '../state/store.js';

loadDotEnv();
let env;
try {
  env = parseEnv(baseEnvSchema, process.env);
} catch (err) {
  process.stderr.write(`Configuration invalide. ${(err as ConfigError).message}\n`);
  process.exit(2);
}
// The console chat owns the terminal: only warnings go to stderr there.
const log = createLogger(env.RUPN_LOG_LEVEL === 'info' ? 'warn' : env.RUPN_LOG_LEVEL);
const store = await openStore(env.RUPN_STORE);
const assistant = createAssistant(store, { logger: log, knowledge: env.RUPN_KNOWLEDGE_DIR });

const adapter = new ConsoleAdapter(assistant, {
  onClose: () => void store.close().then(() => process.exit(0)),
});
await adapter.start();
