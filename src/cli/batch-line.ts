import { z } from 'zod';

/** Longest `user` accepted: an id, not a text. */
export const MAX_USER_LENGTH = 200;

/** `"lycée"`, `"LYCEE"`, `"Collège"`: the niveau as people write it. */
const niveau = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase() : v),
  z.enum(['college', 'lycee'], { error: 'attendu : "college" ou "lycee"' }),
);

const orUndefined = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/** One input line of `npm run -s batch` (docs/CONTRACT.md). */
const lineSchema = z.object(
  {
    user: z
      .union([z.string(), z.number()], { error: 'attendu : un texte ou un nombre' })
      .transform(String)
      .refine((u) => u.length <= MAX_USER_LENGTH, `${MAX_USER_LENGTH} caractères au plus`)
      .nullish(),
    profile: z
      .object(
        {
          departement: z
            .union([z.string(), z.number()], { error: 'attendu : un nom ou un numéro de département' })
            .transform(String)
            .nullish()
            .transform(orUndefined),
          niveau: niveau.nullish().transform(orUndefined),
        },
        { error: 'attendu : un objet {"departement": …, "niveau": …}' },
      )
      .nullish(),
    text: z
      .string({ error: 'attendu : un texte' })
      .nullish()
      .transform((t) => t ?? ''),
  },
  { error: 'attendu : un objet JSON {"user": …, "text": …}' },
);

export type BatchLine = z.infer<typeof lineSchema>;

/** Reads one input line; a line that cannot be used gets a French `error` to echo, never an exception. */
export function parseLine(line: string): BatchLine | { error: string } {
  const raw = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  if (!raw.trim()) return { error: 'ligne vide : un objet JSON par ligne est attendu' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { error: 'ligne JSON invalide' };
  }
  return quickLine(json) ?? schemaLine(json);
}

/** A parsed line through the schema: the reference, and the messages for lines that do not conform. */
export function schemaLine(json: unknown): BatchLine | { error: string } {
  const parsed = lineSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  return { error: `ligne non conforme : ${parsed.error.issues.map((i) => `${i.path.join('.') || 'ligne'} : ${i.message}`).join(' ; ')}` };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null;

/**
 * The line as the schema would give it, for the lines most drivers send (`user` a short text, `text` a text,
 * `profile` with `departement` a text and `niveau` already `college` or `lycee`), without the schema's
 * machinery; undefined for anything else, which goes through the schema.
 */
export function quickLine(json: unknown): BatchLine | undefined {
  if (!isObject(json)) return undefined;
  const { user, profile, text } = json;
  if (!(absent(user) || (typeof user === 'string' && user.length <= MAX_USER_LENGTH))) return undefined;
  if (!(absent(text) || typeof text === 'string')) return undefined;
  // the schema's key order, and no key the line does not have
  const out: Partial<BatchLine> = {};
  if ('user' in json) out.user = user as string | null | undefined;
  if ('profile' in json) {
    if (absent(profile)) out.profile = profile as null | undefined;
    else {
      if (!isObject(profile)) return undefined;
      const { departement, niveau } = profile;
      if (!(absent(departement) || typeof departement === 'string')) return undefined;
      if (!(absent(niveau) || niveau === 'college' || niveau === 'lycee')) return undefined;
      const hints: Partial<NonNullable<BatchLine['profile']>> = {};
      if ('departement' in profile) hints.departement = (departement as string | null | undefined) ?? undefined;
      if ('niveau' in profile) hints.niveau = (niveau as 'college' | 'lycee' | null | undefined) ?? undefined;
      out.profile = hints as BatchLine['profile'];
    }
  }
  out.text = (text as string | null | undefined) ?? '';
  return out as BatchLine;
}
