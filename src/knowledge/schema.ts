import { z } from 'zod';
import type { Calendar } from './calendar.js';

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
    id: z
      .string()
      .regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, "l'id s'écrit en minuscules, avec des points ou des tirets (ex. gar.responsables-affectation)"),
    title: z.string().min(3, 'le titre est trop court'),
    questions: z.array(z.string().min(3)).min(3, 'il faut au moins trois questions d’exemple, formulées différemment'),
    keywords: z.array(z.string().min(1)).default([]),
    answer: z.string().default(''),
    variants: z.object({ college: z.string().optional(), lycee: z.string().optional() }).strict().optional(),
    audience: z.array(niveau).min(1).default(['college', 'lycee']),
    /** The same page for the other niveau (OSÉ for Lycée connecté): what a person of that niveau gets instead. */
    counterpart: z.string().optional(),
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

/**
 * A département number as the administration writes it: two digits, 2A or 2B
 * (Corse), 971 to 976 (outre-mer). A bare YAML number is read as text.
 */
const departementNumber = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z
    .string()
    .regex(
      /^(\d{2}|2[AB]|97[1-6])$/,
      'numéro de département : deux chiffres entre guillemets (ex. "33", "09"), "2A" ou "2B" pour la Corse, ou de "971" à "976" pour l’outre-mer',
    ),
);

export const departementSchema = z.object({
  numero: departementNumber,
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
    /**
     * Who the guide does not serve, said of oneself (« je suis ERUN », « directrice
     * d'école maternelle »): the entry that tells them so and gives the right door.
     */
    horsChamp: z.array(z.object({ entree: z.string(), mots: z.array(z.string()).min(1) }).strict()).default([]),
    /**
     * Words of the services a RUPN's question can belong to when it is not the
     * guide's business (a teacher's career, the school's life, one pupil, one's own
     * device): the question gets that service instead of a page that never says them.
     */
    autresServices: z
      .object({
        carriere: z.array(z.string()).default([]),
        etablissement: z.array(z.string()).default([]),
        eleves: z.array(z.string()).default([]),
        /** A title of the guide followed by what makes it another function (« coordonnateur ULIS »): the school's. */
        autresFonctions: z
          .object({ titres: z.array(z.string()).min(1), de: z.array(z.string()).min(1) })
          .strict()
          .optional(),
        /** One's own device or account: an object, then what says it is one's own; or a private place. */
        personnel: z
          .object({
            objets: z.array(z.string()).default([]),
            aSoi: z.array(z.string()).default([]),
            lieux: z.array(z.string()).default([]),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({ carriere: [], etablissement: [], eleves: [] }),
    /** The words of digital education: a question that names one stays with the knowledge base. */
    motsDuNumerique: z.array(z.string()).default([]),
  })
  .strict();

export const coordonnateurSchema = z.object({
  departement: departementNumber,
  nom: z.string(),
  email: z.string().email('adresse électronique invalide'),
});

export const outilSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  nom: z.string(),
  /** The ENT or platform it belongs to (an ENT, apps.education.fr, the staff portal, CNED…). */
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

const text = (what: string) => z.string().trim().min(1, `${what} est vide`);
const url = z.string().url('une adresse complète est attendue (https://…)');

/** One step of the GAR checklist: one text, or one per niveau. */
const garStepSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9-]+$/,
        "l'id d'une étape s'écrit en minuscules, avec des tirets (ex. designation) ; ne le changez plus ensuite : les coches y sont rattachées",
      ),
    texte: text('le texte de l’étape').optional(),
    college: text('le texte pour les collèges').optional(),
    lycee: text('le texte pour les lycées').optional(),
  })
  .strict()
  .refine((s) => (s.texte ? !s.college && !s.lycee : s.college && s.lycee), {
    message: 'une étape a soit « texte », soit les deux textes « college » et « lycee »',
  });

/** The ENT of one niveau, and its own assistance channel if it has one. */
const entSchema = z
  .object({
    nom: text('le nom de l’ENT'),
    assistance: z
      .object({
        /** The ENT application where a problem is reported (« ASSISTANCE ENT »). */
        application: text('le nom de l’application'),
        /** A mailing list of the ENT's administrators. */
        liste: z
          .object({ nom: text('le nom de la liste'), email: z.string().email('adresse électronique invalide') })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** `academie.yaml`: what the assistant says of the académie outside the entries (flows, fallbacks, ENT names). */
export const academieSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "l'id s'écrit en minuscules, avec des tirets (ex. nancy-metz)"),
    /** « Bordeaux » */
    nom: text('le nom'),
    /** « académie de Bordeaux » */
    libelle: text('le libellé'),
    /** Also the contact `dane` of answers (`render: { kind: contact, contact: dane }`). */
    dane: z
      .object({
        /** DANE, DRANE, DRNE…: « votre coordonnateur départemental DANE », « à la DANE ». */
        sigle: text('le sigle'),
        nom: text('le nom'),
        lignes: z.array(z.string()).default([]),
        telephone: z.string().optional(),
        email: z.string().email('adresse électronique invalide').optional(),
        site: url.optional(),
      })
      .strict(),
    /** The staff portal (ARÉNA) the assistance platform and other tools are reached from. */
    portail: z.object({ nom: text('le nom du portail'), url }).strict(),
    ent: z.object({ college: entSchema, lycee: entSchema }).strict(),
    /** Where an incident is reported. */
    assistance: z
      .object({
        /** The assistance platform, reached from the portal. */
        plateforme: text('le nom de la plateforme'),
        /** Its place in the portal (« support et assistance »). */
        rubrique: text('la rubrique du portail'),
        /** The IT team the RUPN works with, per niveau (« e-Anna » for lycées). */
        equipes: z.object({ college: z.string().optional(), lycee: z.string().optional() }).strict().default({}),
      })
      .strict(),
    fil: z.object({ formulaire: url, notes: z.array(noteSchema).default([]) }).strict(),
    lettreMission: z.object({ modele: url.optional() }).strict().default({}),
    gar: z
      .object({
        checklist: z
          .object({
            /** Said when the niveau is unknown (the collège texts are then shown). */
            sansNiveau: z.string().optional(),
            etapes: z.array(garStepSchema).min(1, 'la checklist GAR n’a aucune étape'),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

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
export type Academie = z.infer<typeof academieSchema>;

export interface KnowledgeBase {
  dir: string;
  entries: Entry[];
  lexicon: Lexicon;
  coordonnateurs: Coordonnateur[];
  coordonnateursVoir?: string;
  outils: Outil[];
  usages: Usage[];
  contacts: Contact[];
  academie: Academie;
  /** Questions as people type them, by entry id (and `_hors-sujet`), from `exemples/`: what the classifier learns. */
  examples: Record<string, string[]>;
  /** `calendrier.yaml`, when the pack has one (reminders and digest). */
  calendar?: Calendar;
}
