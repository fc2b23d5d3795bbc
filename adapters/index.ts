import type { PlatformModule } from './platform.js';

/**
 * Every platform `npm start` knows. A platform's SDK is loaded only when one of
 * its variables is set, so the console starts without loading three SDKs.
 */
export const PLATFORMS: { prefix: string; load: () => Promise<PlatformModule<unknown>> }[] = [
  { prefix: 'SLACK_', load: async () => (await import('./slack/index.js')).slack as PlatformModule<unknown> },
  { prefix: 'DISCORD_', load: async () => (await import('./discord/index.js')).discord as PlatformModule<unknown> },
  { prefix: 'TCHAP_', load: async () => (await import('./tchap/index.js')).tchap as PlatformModule<unknown> },
];

/** The platforms with at least one variable set (empty values count as unset). */
export async function configuredPlatforms(env: NodeJS.ProcessEnv): Promise<PlatformModule<unknown>[]> {
  const wanted = PLATFORMS.filter((p) => Object.entries(env).some(([k, v]) => k.startsWith(p.prefix) && v));
  return Promise.all(wanted.map((p) => p.load()));
}
