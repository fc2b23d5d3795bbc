import path from 'node:path';
import { Assistant, type Brain } from './core/assistant.js';
import { Composer } from './core/composer.js';
import { Engine } from './core/engine.js';
import { fileModelCache } from './core/model-cache.js';
import { activity } from './core/handlers/activity.js';
import { elsewhere } from './core/handlers/elsewhere.js';
import { gaps } from './core/handlers/gaps.js';
import { help } from './core/handlers/help.js';
import { knowledge } from './core/handlers/knowledge.js';
import { pending } from './core/handlers/pending.js';
import { places } from './core/handlers/places.js';
import { privacy } from './core/handlers/privacy.js';
import { profileLearning } from './core/handlers/profile.js';
import { unknownNames } from './core/handlers/unknown-names.js';
import { several } from './core/handlers/several.js';
import { smalltalk } from './core/handlers/smalltalk.js';
import { DEFAULT_SETTINGS, type Settings } from './core/settings.js';
import type { Turn } from './core/turn.js';
import { FLOWS } from './flows/index.js';
import { scheduleBookkeeping, subscriptions } from './schedule/chat.js';
import { flowTriggers, guidedFlows } from './flows/runner.js';
import type { FlowDef } from './flows/types.js';
import { knowledgeDir } from './knowledge/config.js';
import { knowledgeCacheKey, loadKnowledge, loadKnowledgeCached } from './knowledge/loader.js';
import type { KnowledgeBase } from './knowledge/schema.js';
import { recordUnanswered } from './shared/config.js';
import { silentLogger, type Logger } from './shared/logger.js';
import { ActivityCounter } from './state/activity.js';
import type { StateStore } from './state/store.js';

export interface AssistantSetup {
  logger?: Logger;
  now?: () => Date;
  /** The knowledge folder (default: `RUPN_KNOWLEDGE_DIR`, else the shipped pack). */
  knowledge?: string;
  /** An already loaded knowledge base (tests, benchmarks). */
  kb?: KnowledgeBase;
  /** Keep the validated knowledge in `data/` between starts. */
  cache?: boolean;
  /** The guided flows (default: all of `src/flows/defs`). */
  flows?: FlowDef[];
  settings?: Partial<Settings>;
  /** Keep unanswered questions, scrubbed, for `kb:gaps` (default: `RUPN_RECORD_UNANSWERED`, else true). */
  recordUnanswered?: boolean;
  /** An engine already built, shared (the operators' page tries questions on a throwaway store with the running one). */
  engine?: Engine;
}

/** The knowledge folder this assistant reads, at start and again on `reload()`. */
function packDir(setup: AssistantSetup): string {
  return setup.knowledge ?? setup.kb?.dir ?? setup.engine?.kb.dir ?? knowledgeDir();
}

function loadPack(setup: AssistantSetup): KnowledgeBase {
  const dir = packDir(setup);
  return setup.cache ? loadKnowledgeCached(dir) : loadKnowledge(dir);
}

/** The knowledge made searchable. */
function buildEngine(setup: AssistantSetup, defs: FlowDef[], kb: KnowledgeBase): Engine {
  const record = setup.recordUnanswered ?? recordUnanswered();
  // with the knowledge cache, the classifier trained at an earlier start is read back (a third of a second)
  const models = setup.cache ? fileModelCache(path.join(process.cwd(), 'data'), path.basename(kb.dir)) : undefined;
  return new Engine(kb, flowTriggers(defs), { ...DEFAULT_SETTINGS, recordUnanswered: record, ...setup.settings }, models);
}

/**
 * The composition root: the order of the turn's steps, in one place. Each
 * step answers or passes the turn on; a feature plugs in by being composed
 * here (the guided flows take two places: a flow in progress owns the
 * conversation, a request for one comes before the knowledge search).
 */
export function createAssistant(store: StateStore, setup: AssistantSetup = {}): Assistant {
  const defs = setup.flows ?? FLOWS;
  const logger = setup.logger ?? silentLogger;
  const counter = new ActivityCounter(store);
  const compose = (engine: Engine): Brain => {
    const flows = guidedFlows(engine, defs);
    const steps = new Composer<Turn>(
      activity(counter, logger), // outermost: counts the turn as it ended (counts only)
      gaps(engine, store, logger), // first, so it sees the answer: a menu or a « je ne sais pas » is kept for the DANE
      scheduleBookkeeping(store), // after the turn: the scheduler's roster follows the record; answered topics counted
      privacy(engine), // « mes données », « oublie-moi »: whatever else is going on
      flows.continuing, // a flow in progress owns the conversation
      pending(engine), // an answer to the assistant's own question
      help(engine),
      smalltalk,
      places(engine), // « je suis à Paris »: outside the académie, said kindly
      profileLearning(engine), // « je suis RUPN en lycée, … »: learnt, the rest goes on
      flows.starting, // « je voudrais faire une demande de FIL »
      subscriptions(engine, store), // « abonne-moi au digest », « rappelle-moi le GAR à la rentrée », « mes rappels »
      elsewhere(engine), // after the search: a career, school-life or pupil question it could not answer gets the right service
      several(engine), // « VIA ou TRIBU ? », « le DPD, et la lettre de mission ? »: each part, briefly
      unknownNames(engine), // « la certification Voltaire »: a name the guide never mentions is not its Pix page
      knowledge(engine), // the ranked search: answer, « Vouliez-vous dire », or a human to ask
    );
    return { engine, steps: steps.middleware() };
  };
  // `reload()` (SIGHUP, RUPN_KNOWLEDGE_WATCH) reads the same folder again and builds everything above anew
  const rebuild = () => {
    const kb = loadPack(setup);
    return { ...compose(buildEngine(setup, defs, kb)), pack: knowledgeCacheKey(kb.dir), entries: kb.entries.length };
  };
  const engine = setup.engine ?? buildEngine(setup, defs, setup.kb ?? loadPack(setup));
  return new Assistant({ ...compose(engine), store, logger: setup.logger, now: setup.now, rebuild });
}
