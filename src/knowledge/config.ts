import path from 'node:path';

/** The knowledge folder: `RUPN_KNOWLEDGE_DIR`, else the Bordeaux one shipped with the project. */
export function knowledgeDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.RUPN_KNOWLEDGE_DIR || path.join(import.meta.dirname, '..', '..', 'knowledge', 'bordeaux'));
}
