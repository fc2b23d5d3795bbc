import { knowledgeDir } from '../knowledge/config.js';
import { loadKnowledge, loadKnowledgeCached } from '../knowledge/loader.js';
import { flows } from '../flows/index.js';
import type { StateStore } from '../state/store.js';
import { Assistant, type Feature } from './assistant.js';
import type { Logger } from '../shared/logger.js';

/** The features every front end gets; guided flows and others plug in here. */
export const defaultFeatures = (): Feature[] => [flows()];

/** Loads the configured knowledge and builds the assistant over a store. */
export function createAssistant(store: StateStore, opts: { logger?: Logger; now?: () => Date; knowledge?: string; cache?: boolean } = {}): Assistant {
  const dir = opts.knowledge ?? knowledgeDir();
  const kb = opts.cache ? loadKnowledgeCached(dir) : loadKnowledge(dir);
  return new Assistant({ kb, store, features: defaultFeatures(), logger: opts.logger, now: opts.now });
}
