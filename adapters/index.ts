import { discord } from './discord/index.js';
import type { PlatformModule } from './platform.js';
import { slack } from './slack/index.js';

/** Every platform `npm start` knows; each one starts when its variables are set. */
export const PLATFORMS: PlatformModule<unknown>[] = [slack, discord] as PlatformModule<unknown>[];
