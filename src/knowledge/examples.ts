import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

/** The label of the messages the guide does not answer (`exemples/_hors-sujet.yaml`). */
export const OUT_OF_SCOPE = '_hors-sujet';

const listSchema = z.array(
  z.string().trim().min(3, 'exemple trop court (3 caractères au moins)').max(400, 'exemple trop long (400 caractères au plus)'),
);

export interface ExampleProblem {
  file: string;
  line: number;
  message: string;
}

/**
 * Reads `exemples/<entry id>.yaml`: questions as RUPNs type them, one list per
 * entry (and `_hors-sujet.yaml` for what is out of scope), which the engine
 * learns from. Returns the examples by entry id, and every problem with its line.
 */
export function readExamples(
  dir: string,
  entryIds: Set<string>,
  rel: (f: string) => string,
): { examples: Record<string, string[]>; problems: ExampleProblem[] } {
  const folder = path.join(dir, 'exemples');
  const examples: Record<string, string[]> = {};
  const problems: ExampleProblem[] = [];
  if (!fs.existsSync(folder)) return { examples, problems };
  for (const name of fs
    .readdirSync(folder)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const file = path.join(folder, name);
    const id = name.replace(/\.ya?ml$/, '');
    if (id !== OUT_OF_SCOPE && !entryIds.has(id)) {
      problems.push({
        file: rel(file),
        line: 1,
        message: `aucune fiche ne porte l'id « ${id} » : renommez le fichier comme la fiche qu'il illustre`,
      });
      continue;
    }
    const lc = new LineCounter();
    const doc = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: lc, prettyErrors: false });
    if (doc.errors.length) {
      for (const err of doc.errors)
        problems.push({ file: rel(file), line: lc.linePos(err.pos[0]).line, message: `YAML mal formé : ${err.message.split('\n')[0]}` });
      continue;
    }
    const parsed = listSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const node = doc.getIn(issue.path as unknown[], true) as { range?: [number] } | undefined;
        const at = node?.range?.[0] ?? 0;
        problems.push({
          file: rel(file),
          line: lc.linePos(at).line,
          message: issue.path.length
            ? `exemple n° ${Number(issue.path[0]) + 1} : ${issue.message}`
            : 'une liste de questions est attendue (« - question »)',
        });
      }
      continue;
    }
    examples[id] = parsed.data;
  }
  return { examples, problems };
}
