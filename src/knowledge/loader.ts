import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { readExamples } from './examples.js';
import {
  academieSchema,
  dataSchemas,
  entrySchema,
  lexiconSchema,
  type Academie,
  type Contact,
  type Coordonnateur,
  type Entry,
  type KnowledgeBase,
  type Lexicon,
} from './schema.js';
import { calendarSchema, checkCalendar, type Calendar } from './calendar.js';

/**
 * Version of the loaded shape: bump it whenever `KnowledgeBase` or what the
 * loader derives from the files changes, so that no start reads an older cache.
 */
export const KB_VERSION = 5;

/** The contact id under which the académie's DANE is also listed. */
export const DANE_CONTACT = 'dane';

/** One problem in a knowledge file, located for a non-developer. */
export interface KbProblem {
  file: string;
  line: number;
  message: string;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: KbProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'KnowledgeError';
  }
}

export function formatProblem(p: KbProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

/** Reads a YAML file and validates it, reporting each problem with its line. */
function readYaml<S extends z.ZodType>(file: string, schema: S, problems: KbProblem[], rel: string): z.infer<S> | undefined {
  const text = fs.readFileSync(file, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    for (const err of doc.errors) {
      const line = lc.linePos(err.pos[0]).line;
      problems.push({
        file: rel,
        line,
        message: `YAML mal formé (${err.code === 'DUPLICATE_KEY' ? 'clé en double' : 'vérifiez l’indentation, les deux-points et les guillemets'}) : ${err.message.split('\n')[0]}`,
      });
    }
    return undefined;
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    // an unknown key is shown on its own line, not on the first line of its map
    let p: PropertyKey[] = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : [...issue.path];
    let node = doc.getIn(p as unknown[], true);
    while (!isNode(node) && p.length) {
      p = p.slice(0, -1);
      node = p.length ? doc.getIn(p as unknown[], true) : doc.contents;
    }
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    const where = issue.path.length ? `« ${issue.path.join('.')} » : ` : '';
    problems.push({ file: rel, line: lc.linePos(offset).line, message: where + frenchIssue(issue) });
  }
  return undefined;
}

function frenchIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'champ obligatoire manquant' : `type inattendu (attendu : ${issue.expected})`;
  }
  if (issue.code === 'unrecognized_keys') return `champ inconnu : ${issue.keys.join(', ')} (faute de frappe ?)`;
  return issue.message;
}

/** The first line of a file that contains `needle` (1 when none): where a cross-file problem is shown. */
function lineOf(file: string, needle: string): number {
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  return lines.findIndex((l) => l.includes(needle)) + 1 || 1;
}

/** Reads `academie.yaml`, which every pack has. */
function readAcademie(dir: string, problems: KbProblem[], rel: (f: string) => string): Academie | undefined {
  const file = path.join(dir, 'academie.yaml');
  if (fs.existsSync(file)) return readYaml(file, academieSchema, problems, rel(file));
  problems.push({
    file: rel(file),
    line: 0,
    message: 'fichier manquant : il décrit l’académie (DANE, ENT, assistance, formulaire FIL, checklist GAR)',
  });
  return undefined;
}

/** What the schemas cannot see alone: coordinators of départements the lexicon lacks, a GAR step twice, the DANE twice. */
function checkAcademie(
  dir: string,
  parts: { lexicon?: Lexicon; academie?: Academie; coordinators?: { coordonnateurs: Coordonnateur[] }; contacts?: { contacts: Contact[] } },
  problems: KbProblem[],
  rel: (f: string) => string,
): void {
  const { lexicon, academie, coordinators, contacts } = parts;
  if (coordinators && lexicon) {
    const known = new Set(lexicon.departements.map((d) => d.numero));
    const file = path.join(dir, 'data', 'coordonnateurs.yaml');
    for (const c of coordinators.coordonnateurs) {
      if (!known.has(c.departement))
        problems.push({
          file: rel(file),
          line: lineOf(file, c.nom),
          message: `le département « ${c.departement} » de ${c.nom} n’est pas dans lexique.yaml (departements)`,
        });
    }
  }
  if (!academie) return;
  const file = path.join(dir, 'academie.yaml');
  const steps = new Set<string>();
  for (const s of academie.gar.checklist.etapes) {
    if (steps.has(s.id))
      problems.push({
        file: rel(file),
        line: lineOf(file, `id: ${s.id}`),
        message: `l'étape « ${s.id} » de la checklist GAR est en double`,
      });
    steps.add(s.id);
  }
  if (contacts?.contacts.some((c) => c.id === DANE_CONTACT)) {
    const contactsFile = path.join(dir, 'data', 'contacts.yaml');
    problems.push({
      file: rel(contactsFile),
      line: lineOf(contactsFile, `id: ${DANE_CONTACT}`),
      message: `le contact « ${DANE_CONTACT} » est la DANE décrite dans academie.yaml : retirez-le d’ici`,
    });
  }
}

const yamlFiles = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => path.join(dir, f))
    : [];

/** Loads and validates a knowledge folder; returns the base and every problem found. */
export function inspectKnowledge(dir: string): { kb?: KnowledgeBase; problems: KbProblem[]; files: Map<string, string> } {
  const problems: KbProblem[] = [];
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  if (!fs.existsSync(dir))
    return { problems: [{ file: rel(dir), line: 0, message: 'dossier de connaissances introuvable' }], files: new Map() };

  const lexicon = readYaml(path.join(dir, 'lexique.yaml'), lexiconSchema, problems, rel(path.join(dir, 'lexique.yaml')));
  const academie = readAcademie(dir, problems, rel);
  const data: Partial<{ [K in keyof typeof dataSchemas]: z.infer<(typeof dataSchemas)[K]> }> = {};
  for (const name of Object.keys(dataSchemas) as (keyof typeof dataSchemas)[]) {
    const file = path.join(dir, 'data', name);
    if (!fs.existsSync(file)) {
      problems.push({ file: rel(file), line: 0, message: 'fichier de données manquant' });
      continue;
    }
    (data as Record<string, unknown>)[name] = readYaml(file, dataSchemas[name], problems, rel(file));
  }

  const entries: Entry[] = [];
  const seen = new Map<string, string>();
  const files = yamlFiles(path.join(dir, 'entries'));
  // ids of every file, valid or not, so that one broken entry does not make every link to it an error too
  const entryIds = new Set(files.map((f) => /^id:\s*["']?([^\s"']+)/m.exec(fs.readFileSync(f, 'utf8'))?.[1]).filter(Boolean));
  for (const file of files) {
    const entry = readYaml(file, entrySchema, problems, rel(file));
    if (!entry) continue;
    const other = seen.get(entry.id);
    if (other) problems.push({ file: rel(file), line: 1, message: `l'id « ${entry.id} » est déjà utilisé par ${other}` });
    seen.set(entry.id, rel(file));
    entries.push(entry);
  }
  if (!entries.length && !problems.length)
    problems.push({ file: rel(path.join(dir, 'entries')), line: 0, message: 'aucune fiche trouvée' });

  const outils = data['outils.yaml'];
  if (outils) {
    const toolIds = new Set(outils.outils.map((o) => o.id));
    for (const u of outils.usages) {
      for (const ref of u.outils) {
        const id = typeof ref === 'string' ? ref : ref.outil;
        if (!toolIds.has(id))
          problems.push({
            file: rel(path.join(dir, 'data', 'outils.yaml')),
            line: 0,
            message: `l'usage « ${u.id} » cite un outil inconnu : ${id}`,
          });
      }
    }
    for (const e of entries) {
      const r = e.render;
      if (r?.kind === 'outils' && !outils.usages.some((u) => u.id === r.usage)) {
        problems.push({ file: seen.get(e.id)!, line: 1, message: `usage inconnu dans render : ${r.usage}` });
      }
      if (r?.kind === 'outil' && !toolIds.has(r.outil))
        problems.push({ file: seen.get(e.id)!, line: 1, message: `outil inconnu dans render : ${r.outil}` });
    }
  }
  const contacts = data['contacts.yaml'];
  for (const e of entries) {
    const r = e.render;
    if (r?.kind === 'contact' && contacts && r.contact !== DANE_CONTACT && !contacts.contacts.some((c) => c.id === r.contact)) {
      problems.push({ file: seen.get(e.id)!, line: 1, message: `contact inconnu dans render : ${r.contact}` });
    }
    for (const id of e.related)
      if (!entryIds.has(id)) problems.push({ file: seen.get(e.id)!, line: 1, message: `fiche liée inconnue : ${id}` });
    const other = e.counterpart ? entries.find((x) => x.id === e.counterpart) : undefined;
    if (e.counterpart && (other?.audience.length !== 1 || e.audience.length !== 1 || other.audience[0] === e.audience[0]))
      problems.push({
        file: seen.get(e.id)!,
        line: 1,
        message: `counterpart : « ${e.counterpart} » doit être une fiche de l’autre niveau (et celle-ci d’un seul niveau)`,
      });
  }
  const lexiconFile = path.join(dir, 'lexique.yaml');
  for (const h of lexicon?.horsChamp ?? [])
    if (!entryIds.has(h.entree))
      problems.push({ file: rel(lexiconFile), line: lineOf(lexiconFile, h.entree), message: `horsChamp : fiche inconnue « ${h.entree} »` });

  const coordinators = data['coordonnateurs.yaml'];
  checkAcademie(dir, { lexicon, academie, coordinators, contacts }, problems, rel);
  const { examples, problems: exampleProblems } = readExamples(dir, new Set(entries.map((e) => e.id)), rel);
  problems.push(...exampleProblems);

  const calendar = readCalendar(dir, { entryIds: entryIds as Set<string>, academie }, problems, rel);

  if (problems.length || !lexicon || !academie || !coordinators || !outils || !contacts) return { problems, files: seen };
  const { nom, lignes, telephone, email, site } = academie.dane;
  return {
    problems,
    files: seen,
    kb: {
      dir,
      entries,
      lexicon,
      coordonnateurs: coordinators.coordonnateurs,
      coordonnateursVoir: coordinators.voir,
      outils: outils.outils,
      usages: outils.usages,
      contacts: [{ id: DANE_CONTACT, nom, lignes, telephone, email, site }, ...contacts.contacts],
      academie,
      examples,
      ...(calendar ? { calendar } : {}),
    },
  };
}

/** `calendrier.yaml`, optional: a pack without one loads, with no reminders and no digest. */
function readCalendar(
  dir: string,
  known: { entryIds: Set<string>; academie?: Academie },
  problems: KbProblem[],
  rel: (f: string) => string,
): Calendar | undefined {
  const file = path.join(dir, 'calendrier.yaml');
  if (!fs.existsSync(file)) return undefined;
  const calendar = readYaml(file, calendarSchema, problems, rel(file));
  if (!calendar) return undefined;
  const garSteps = new Set(known.academie?.gar.checklist.etapes.map((s) => s.id) ?? []);
  const found = checkCalendar(calendar, { entryIds: known.entryIds, garSteps });
  for (const p of found) problems.push({ file: rel(file), line: lineOf(file, p.needle), message: p.message });
  return found.length ? undefined : calendar;
}

/** Loads a knowledge folder or throws a `KnowledgeError` listing every problem. */
export function loadKnowledge(dir: string): KnowledgeBase {
  const { kb, problems } = inspectKnowledge(dir);
  if (!kb) throw new KnowledgeError(problems);
  return kb;
}

/** Every file of a pack, as paths relative to the pack (what the cache key names). */
function packFiles(dir: string): string[] {
  const within = (sub: string) => yamlFiles(path.join(dir, sub)).map((f) => path.join(sub, path.basename(f)));
  return ['lexique.yaml', 'academie.yaml', 'calendrier.yaml', ...within('data'), ...within('entries'), ...within('exemples')].map((f) =>
    f.split(path.sep).join('/'),
  );
}

/** Key of a pack's cache: the loader's version, then each file's path within the pack and its content. */
export function knowledgeCacheKey(dir: string, version = KB_VERSION): string {
  const hash = createHash('sha256').update(`v${version}\0`);
  for (const f of packFiles(dir)) {
    const file = path.join(dir, f);
    hash
      .update(f)
      .update('\0')
      .update(fs.existsSync(file) ? fs.readFileSync(file) : '')
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * `loadKnowledge`, with the validated result kept in a JSON file keyed by
 * `knowledgeCacheKey`: a start after no change skips YAML parsing and
 * validation (a third of the console's start-up time). The same pack moved
 * elsewhere keeps its cache; a new loader version does not read an old one.
 */
export function loadKnowledgeCached(dir: string, cacheDir = path.join(process.cwd(), 'data'), version = KB_VERSION): KnowledgeBase {
  const prefix = `kb-${path.basename(dir)}-`;
  const file = path.join(cacheDir, `${prefix}${knowledgeCacheKey(dir, version)}.json`);
  try {
    // the pack may have moved since the cache was written: `dir` is where it is now
    return { ...(JSON.parse(fs.readFileSync(file, 'utf8')) as KnowledgeBase), dir };
  } catch {
    const kb = loadKnowledge(dir);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      for (const old of fs.readdirSync(cacheDir)) if (old.startsWith(prefix)) fs.rmSync(path.join(cacheDir, old), { force: true });
      fs.writeFileSync(file, JSON.stringify(kb));
    } catch {
      // a read-only folder only costs the cache
    }
    return kb;
  }
}
