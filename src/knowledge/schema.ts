import { z } from 'zod';

/** A date written `2021-09-01` (YAML may hand it over as a Date). */
const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'une date au format AAAA-MM-JJ est attendue (ex. 2021-09-01)'),
);

const niveau = z.enum(['college', 'lycee'], { message: 'niveau : « college » ou « lycee »' });

/** A dated note added beside a fact of the guide (renamed body, newer figure). */
export const noteSchema = z.object({
  date: isoDate,
  text: z.string().min(5, 'la note est vide'),
  source: z.string().optional(),
  /** Only for collèges or only for lycées; shown to everyone when the niveau is unknown. */
  niveau: niveau.optional(),
});

/** How an entry's answer is completed from structured data rather than prose. */
export const renderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coordonnateurs') }),
  z.object({ kind: z.literal('outils'), usage: z.string().min(1) }),
  z.object({ kind: z.literal('outil'), outil: z.string().min(1) }),
  z.object({ kind: z.literal('contact'), contact: z.string().min(1) }),
]);

export const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, "l'id s'écrit en minuscules, avec des points ou des tirets (ex. gar.responsables-affectation)"),
    title: z.string().min(3, 'le titre est trop court'),
    questions: z.array(z.string().min(3)).min(3, 'il faut au moins trois questions d’exemple, formulées différemment'),
    keywords: z.array(z.string().min(1)).default([]),
    answer: z.string().default(''),
    variants: z.object({ college: z.string().optional(), lycee: z.string().optional() }).strict().optional(),
    audience: z.array(niveau).min(1).default(['college', 'lycee']),
    render: renderSchema.optional(),
    /** A guided flow this topic leads to (its id). */
    flow: z.string().optional(),
    notes: z.array(noteSchema).default([]),
    sources: z.array(z.string().url('une source doit être une adresse complète (https://…)')).default([]),
    related: z.array(z.string()).default([]),
    reviewed: isoDate,
  })
  .strict()
  .refine((e) => e.answer.trim() || e.variants || e.render, {
    message: 'la fiche n’a pas de réponse : ajoutez « answer », « variants » ou « render »',
  });

export const departementSchema = z.object({
  numero: z.string().regex(/^\d{2}$/),
  nom: z.string(),
  variantes: z.array(z.string()).default([]),
});

export const lexiconSchema = z
  .object({
    /** ACRONYME: expansion. */
    acronymes: z.record(z.string(), z.string()),
    /** canonical word or phrase: [what people write instead]. */
    synonymes: z.record(z.string(), z.array(z.string())),
    departements: z.array(departementSchema).min(1),
    niveaux: z.object({ college: z.array(z.string()), lycee: z.array(z.string()) }),
  })
  .strict();

export const coordonnateurSchema = z.object({
  departement: z.string().regex(/^\d{2}$/, 'numéro de département sur deux chiffres (ex. 33)'),
  nom: z.string(),
  email: z.string().email('adresse électronique invalide'),
});

export const outilSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  nom: z.string(),
  /** The ENT or platform it belongs to: OSÉ, Lycée connecté, apps.education.fr, ARENA, CNED… */
  plateforme: z.string(),
  niveau: z.array(niveau).min(1),
  description: z.string(),
  aliases: z.array(z.string()).default([]),
  lien: z.string().optional(),
});

export const usageSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  libelle: z.string(),
  /** Tool ids, in the guide's order, optionally with a remark (« via un dossier de dépôt »). */
  outils: z.array(z.union([z.string(), z.object({ outil: z.string(), precision: z.string() })])).min(1),
  /** Sub-heading of the guide (« Par visioconférence »). */
  groupes: z.array(z.object({ libelle: z.string(), outils: z.array(z.string()) })).optional(),
});

export const outilsFileSchema = z.object({
  outils: z.array(outilSchema).min(1),
  usages: z.array(usageSchema).min(1),
});

export const contactSchema = z.object({
  id: z.string(),
  nom: z.string(),
  lignes: z.array(z.string()).default([]),
  email: z.string().email().optional(),
  telephone: z.string().optional(),
  site: z.string().optional(),
});

export const dataSchemas = {
  'coordonnateurs.yaml': z.object({ coordonnateurs: z.array(coordonnateurSchema).min(1), voir: z.string().url().optional() }),
  'outils.yaml': outilsFileSchema,
  'contacts.yaml': z.object({ contacts: z.array(contactSchema).min(1) }),
} as const;

export type Entry = z.infer<typeof entrySchema>;
export type Lexicon = z.infer<typeof lexiconSchema>;
export type Coordonnateur = z.infer<typeof coordonnateurSchema>;
export type Outil = z.infer<typeof outilSchema>;
export type Usage = z.infer<typeof usageSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Render = z.infer<typeof renderSchema>;
export type Note = z.infer<typeof noteSchema>;

export interface KnowledgeBase {
  dir: string;
  entries: Entry[];
  lexicon: Lexicon;
  coordonnateurs: Coordonnateur[];
  coordonnateursVoir?: string;
  outils: Outil[];
  usages: Usage[];
  contacts: Contact[];
}
