import type { Adapter, Logger, StateStore, TurnHandler } from '../src/index.js';

/** What `npm start` hands to every platform. */
export interface PlatformDeps {
  /** The assistant's own store: event claims (shared by instances on Redis) and what the adapter keeps (a session token). */
  store: StateStore;
  /** The académie's display name, such as « l’académie de … », where an adapter names it (a command description). */
  academie: string;
}

/**
 * What each platform folder exports: how to read its configuration from the
 * environment and how to build its adapter. `npm start` walks the list.
 */
export interface PlatformModule<C> {
  readonly name: string;
  /**
   * The platform's settings, or undefined when none of its variables is set
   * (the platform is simply not used). Throws a `ConfigError` naming the
   * variable, and where to get it, when some are set but one is missing or wrong.
   */
  fromEnv(env: NodeJS.ProcessEnv): C | undefined;
  /** Builds the adapter; the logger is the platform's own, `deps` what every platform shares. */
  create(config: C, assistant: TurnHandler, logger: Logger, deps: PlatformDeps): Adapter;
}
