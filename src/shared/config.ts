import fs from 'node:fs';
import { z } from 'zod';

/** Settings common to every front end; platform adapters validate their own variables. */
export const baseEnvSchema = z.object({
  RUPN_STORE: z
    .string()
    .regex(/^(memory|sqlite:\/\/.+|rediss?:\/\/.+)$/, 'attendu : memory, sqlite://chemin/fichier.sqlite ou redis://hôte:6379')
    .default('sqlite://data/rupn.sqlite'),
  RUPN_KNOWLEDGE_DIR: z.string().optional(),
  RUPN_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  ...recordSchema().shape,
});

/** `RUPN_RECORD_UNANSWERED`: keep the questions the assistant could not answer, without who asked (default true). */
function recordSchema() {
  return z.object({ RUPN_RECORD_UNANSWERED: z.stringbool({ error: 'attendu : true ou false' }).default(true) });
}

/** Whether unanswered questions are recorded, read from the environment (throws a ConfigError on a bad value). */
export function recordUnanswered(env: NodeJS.ProcessEnv = process.env): boolean {
  return parseEnv(recordSchema(), env).RUPN_RECORD_UNANSWERED;
}

export type BaseEnv = z.infer<typeof baseEnvSchema>;

/** Reads `.env` when there is one (the environment wins), like the platforms' own tools do. */
export function loadDotEnv(file = '.env'): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

/** A configuration error that names the variable to set and where to find it. */
export class ConfigError extends Error {
  /** A message starting with a line break is a list of `VARIABLE : …` lines already. */
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message.startsWith('\n') ? message.trimStart() : `${variable} : ${message}`);
    this.name = 'ConfigError';
  }
}

/** Validates part of the environment against a schema, or throws one ConfigError naming each bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, hints: Record<string, string> = {}): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => {
    const v = String(i.path[0] ?? '?');
    const missing = env[v] === undefined || env[v] === '';
    return `${v} : ${missing ? 'variable manquante' : i.message}${hints[v] ? ` (${hints[v]})` : ''}`;
  });
  throw new ConfigError(String(parsed.error.issues[0]?.path[0] ?? '?'), '\n' + lines.join('\n'));
}
