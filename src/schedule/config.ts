import { z } from 'zod';
import type { KnowledgeBase } from '../knowledge/schema.js';
import type { Logger } from '../shared/logger.js';
import { parseEnv } from '../shared/config.js';
import type { Adapter } from '../shared/types.js';
import type { StateStore } from '../state/store.js';
import { FeedReader } from './feed.js';
import { Scheduler } from './scheduler.js';

/** The scheduler's variables, all optional. */
export const scheduleEnvSchema = z.object({
  RUPN_SCHEDULER: z.enum(['on', 'off'], { message: 'attendu : on ou off' }).default('on'),
  RUPN_SCHEDULE_TOLERANCE_HOURS: z.coerce.number({ message: 'un nombre d’heures est attendu' }).min(0).max(168).default(12),
  /** An RSS or Atom feed of news for the digest; overrides `digest.flux` of calendrier.yaml. */
  RUPN_DIGEST_FEED: z.string().url('une adresse complète est attendue (https://…)').optional(),
});

/**
 * Starts the scheduler for `npm start` with the adapters that were started,
 * unless the pack has no calendar or `RUPN_SCHEDULER=off`. Throws a
 * ConfigError naming a bad variable.
 */
export function startScheduler(
  kb: KnowledgeBase,
  store: StateStore,
  adapters: Adapter[],
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Scheduler | undefined {
  const cfg = parseEnv(scheduleEnvSchema, env);
  if (cfg.RUPN_SCHEDULER === 'off' || !kb.calendar) return undefined;
  const feedUrl = cfg.RUPN_DIGEST_FEED ?? kb.calendar.digest.flux;
  const feed = feedUrl ? new FeedReader(feedUrl, store, log.child('feed')) : undefined;
  const scheduler = new Scheduler({
    kb,
    store,
    adapters,
    logger: log,
    toleranceMs: cfg.RUPN_SCHEDULE_TOLERANCE_HOURS * 3600e3,
    feed: feed && (() => feed.items()),
  });
  scheduler.start();
  return scheduler;
}
