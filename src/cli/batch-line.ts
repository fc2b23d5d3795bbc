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
  const raw = line.replace(/^\uFEFF/, '');
  if (!raw.trim()) return { error: 'ligne vide : un objet JSON par ligne est attendu' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { error: 'ligne JSON invalide' };
  }
  const parsed = lineSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  return { error: `ligne non conforme : ${parsed.error.issues.map((i) => `${i.path.join('.') || 'ligne'} : ${i.message}`).join(' ; ')}` };
}
