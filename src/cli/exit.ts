import path from 'node:path';
import { KnowledgeError } from '../knowledge/loader.js';
import { ConfigError } from '../shared/config.js';
import { StoreError } from '../state/store.js';

/**
 * Ends a command that cannot start: one French message saying what is wrong
 * and which variable to change, exit code 1; the stack only with
 * `RUPN_LOG_LEVEL=debug` (a stack tells an operator nothing they can act on).
 */
export function exitOnStartupError(err: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): never {
  const e = err instanceof Error ? err : new Error(String(err));
  let message = e.message;
  const folder = e instanceof KnowledgeError && e.problems.length === 1 && e.problems[0].line === 0 ? e.problems[0] : undefined;
  if (folder)
    message = `RUPN_KNOWLEDGE_DIR : ${folder.message} (${path.resolve(folder.file)}). Indiquez le dossier d’une académie (celui qui contient academie.yaml), ou retirez la variable pour prendre celui du projet.`;
  else if (e instanceof KnowledgeError)
    message = `RUPN_KNOWLEDGE_DIR : les connaissances n’ont pas pu être chargées :\n${message}\nCorrigez ces fichiers, ou indiquez un autre dossier avec RUPN_KNOWLEDGE_DIR.`;
  else if (!(e instanceof StoreError || e instanceof ConfigError))
    message = `${message}\n(relancez avec RUPN_LOG_LEVEL=debug pour le détail)`;
  write(`Démarrage impossible. ${message}\n`);
  if (process.env.RUPN_LOG_LEVEL === 'debug' && e.stack) write(`${e.stack}\n`);
  process.exit(1);
}

/** A reader that went away (`| head`) ends the command quietly instead of with an EPIPE stack. */
export function quietOnClosedOutput(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
