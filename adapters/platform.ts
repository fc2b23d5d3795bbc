import { type Adapter, type Logger, type StateStore, type TurnHandler } from '../src/index.js';

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
  /** `deps.store` is the assistant's own store, for what the adapter keeps (a session token). */
  create(config: C, assistant: TurnHandler, logger: Logger, deps: { store: StateStore }): Adapter;
}
