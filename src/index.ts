/**
 * The assistant's public surface: what adapters (and outside tools) may
 * import. Adapters import nothing else from `src/`; the layer rules in
 * `.dependency-cruiser.cjs` hold them to it.
 */
export type {
  Adapter,
  Address,
  Block,
  Choice,
  IncomingMessage,
  Niveau,
  OutgoingMessage,
  ProfileHints,
  SendResult,
  TurnHandler,
  TurnResult,
} from './shared/types.js';
export { blocksToText, messageToText, paragraph, parseText, replyText, say } from './shared/text.js';
export { createLogger, silentLogger, type Logger, type LogLevel } from './shared/logger.js';
export { baseEnvSchema, ConfigError, loadDotEnv, parseEnv } from './shared/config.js';
export { RATE_LIMIT_NOTICE, RateLimiter } from './shared/rate-limit.js';
export { KeyedQueue } from './shared/queue.js';
export { adapterHealth, HealthRegistry, safeErrorText, type AdapterHealth } from './shared/health.js';
export { mapLinks, splitLinks, URL_TRAILING_PUNCTUATION, type LinkSegment } from './shared/links.js';
export { memoryStore, openStore, type StateStore } from './state/store.js';
export { T as CORE_TEXTS } from './core/texts.js';
export { createAssistant, type AssistantSetup } from './app.js';
