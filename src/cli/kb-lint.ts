import { Engine } from '../core/engine.js';
import { knowledgeDir } from '../knowledge/config.js';
import { formatProblem, inspectKnowledge } from '../knowledge/loader.js';

const dir = process.argv[2] ?? knowledgeDir();
const { kb, problems, files } = inspectKnowledge(dir);
for (const p of problems) console.log(formatProblem(p));
if (problems.length || !kb) {
  console.log(`${problems.length} problème(s) trouvé(s) dans ${dir}.`);
  process.exit(1);
}

// Warnings, not errors: an example question that the search sends to another entry
// means two entries overlap, or the question needs words of its own entry.
const engine = new Engine(kb);
let warnings = 0;
for (const e of kb.entries) {
  for (const q of e.questions) {
    const top = engine.search(engine.analyzer.analyze(q)).find((h) => !h.id.startsWith('flow:'));
    if (top && top.id !== e.id) {
      warnings++;
      console.log(`${files.get(e.id)}: attention : la question « ${q} » mène à la fiche « ${top.id} » ; reformulez-la ou précisez les mots-clés.`);
    }
  }
}
console.log(`Connaissances valides : ${kb.entries.length} fiches, ${kb.coordonnateurs.length} coordonnateurs, ${kb.outils.length} outils${warnings ? `, ${warnings} avertissement(s)` : ''}.`);
