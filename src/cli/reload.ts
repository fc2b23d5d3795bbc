import fs from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../shared/logger.js';

/** `RUPN_KNOWLEDGE_WATCH=true`: reload the knowledge by itself when a file of the pack changes (default: only on SIGHUP). */
export const reloadEnvSchema = z.object({
  RUPN_KNOWLEDGE_WATCH: z.stringbool({ error: 'attendu : true ou false' }).default(false),
});

/** Quiet time after the last change before reloading: a `git pull` touches many files at once. */
const SETTLE_MS = 500;

/**
 * Reloads on `kill -HUP <pid>` (after a `git pull` of the knowledge on the
 * server) and, when asked, on any change under the pack's folder. Returns
 * what stops the watching.
 */
export function reloadOnDemand(reload: () => Promise<unknown>, opts: { dir: string; watch: boolean; logger: Logger }): () => void {
  const onSignal = () => {
    opts.logger.info('knowledge.reload_asked', { hint: 'SIGHUP reçu : rechargement des connaissances' });
    void reload();
  };
  process.on('SIGHUP', onSignal);
  let watcher: fs.FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (opts.watch) {
    try {
      watcher = fs.watch(opts.dir, { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => void reload(), SETTLE_MS);
      });
      watcher.on('error', (err) =>
        opts.logger.warn('knowledge.watch_failed', { err, hint: 'surveillance des fichiers arrêtée ; kill -HUP recharge toujours' }),
      );
    } catch (err) {
      opts.logger.warn('knowledge.watch_failed', {
        err: err as Error,
        hint: 'surveillance des fichiers impossible ; kill -HUP recharge toujours',
      });
    }
  }
  return () => {
    process.off('SIGHUP', onSignal);
    clearTimeout(timer);
    watcher?.close();
  };
}
