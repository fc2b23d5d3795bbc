import { knowledgeDir } from '../knowledge/config.js';
import { formatProblem, inspectKnowledge } from '../knowledge/loader.js';

const dir = process.argv[2] ?? knowledgeDir();
const { kb, problems } = inspectKnowledge(dir);
for (const p of problems) console.log(formatProblem(p));
if (problems.length || !kb) {
  console.log(`${problems.length} problème(s) trouvé(s) dans ${dir}.`);
  process.exit(1);
}
console.log(`Connaissances valides : ${kb.entries.length} fiches, ${kb.coordonnateurs.length} coordonnateurs, ${kb.outils.length} outils.`);
