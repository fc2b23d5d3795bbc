import { Engine } from '../core/engine.js';
import { formatProblem, inspectKnowledge, type KbProblem } from '../knowledge/loader.js';

/** What `kb:lint` finds in a knowledge folder: errors, warnings, and the lines it prints. */
export interface LintReport {
  /** No error (warnings allowed): what the exit status says. */
  ok: boolean;
  problems: KbProblem[];
  warnings: string[];
  /** Every line of the report, errors first, the verdict last. */
  lines: string[];
}

/** Validates a knowledge folder; warns when an example question leads to another entry. */
export function lintKnowledge(dir: string): LintReport {
  const { kb, problems, files } = inspectKnowledge(dir);
  const lines = problems.map(formatProblem);
  if (problems.length || !kb)
    return { ok: false, problems, warnings: [], lines: [...lines, `${problems.length} problème(s) trouvé(s) dans ${dir}.`] };

  // Warnings, not errors: an example question that the search sends to another entry
  // means two entries overlap, or the question needs words of its own entry. Only the
  // best entry matters (flows are kept aside by the index), and the terms are those a
  // message would have: each question costs one search over the few entries that can win.
  const engine = new Engine(kb);
  const warnings: string[] = [];
  for (const e of kb.entries) {
    for (const q of e.questions) {
      const a = engine.analyzer.analyze(q);
      // without the classifier the ranking is the search's: its best entry alone, a far smaller search on a large pack
      const top = engine.classifier ? engine.rank(a).hits[0] : engine.index.search(a.terms, 1).find((h) => !h.id.startsWith('flow:'));
      if (top && top.id !== e.id) {
        warnings.push(
          `${files.get(e.id)}: attention : la question « ${q} » mène à la fiche « ${top.id} » ; reformulez-la ou précisez les mots-clés.`,
        );
      }
    }
  }
  const counts = `${kb.entries.length} fiches, ${kb.coordonnateurs.length} coordonnateurs, ${kb.outils.length} outils${warnings.length ? `, ${warnings.length} avertissement(s)` : ''}`;
  return { ok: true, problems, warnings, lines: [...warnings, `Connaissances valides (${kb.academie.libelle}) : ${counts}.`] };
}
