import { knowledgeDir } from '../knowledge/config.js';
import { quietOnClosedOutput } from './exit.js';
import { lintKnowledge } from './lint.js';

quietOnClosedOutput();
const report = lintKnowledge(process.argv[2] ?? knowledgeDir());
for (const line of report.lines) console.log(line);
if (!report.ok) process.exit(1);
