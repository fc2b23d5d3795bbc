import fs from 'node:fs';
import path from 'node:path';

/** The project's root: the first folder above this file with a package.json (from `src/` or the compiled `dist/src/`). */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) || dir === path.dirname(dir)) return dir;
  }
}

/** Where the project's académie packs live (one folder each). */
export const PACKS_DIR = path.join(projectRoot(import.meta.dirname), 'knowledge');

/**
 * The knowledge folder: `RUPN_KNOWLEDGE_DIR`, else the one académie shipped in
 * `knowledge/` (with several, the variable must say which).
 */
export function knowledgeDir(env: NodeJS.ProcessEnv = process.env, packsDir = PACKS_DIR): string {
  if (env.RUPN_KNOWLEDGE_DIR) return path.resolve(env.RUPN_KNOWLEDGE_DIR);
  const packs = fs.existsSync(packsDir)
    ? fs
        .readdirSync(packsDir)
        .filter((d) => fs.existsSync(path.join(packsDir, d, 'academie.yaml')))
        .sort()
    : [];
  if (packs.length !== 1) {
    throw new Error(
      packs.length
        ? `Plusieurs académies dans ${packsDir} (${packs.join(', ')}) : indiquez laquelle avec RUPN_KNOWLEDGE_DIR.`
        : `Aucune académie (dossier contenant academie.yaml) dans ${packsDir} : indiquez le dossier de connaissances avec RUPN_KNOWLEDGE_DIR.`,
    );
  }
  return path.join(packsDir, packs[0]);
}
