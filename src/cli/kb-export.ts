import { knowledgeDir } from '../knowledge/config.js';
import { exportKnowledge } from '../knowledge/export.js';
import { loadKnowledge } from '../knowledge/loader.js';
import { exitOnStartupError, quietOnClosedOutput } from './exit.js';

quietOnClosedOutput();
let json: string;
try {
  json = JSON.stringify(exportKnowledge(loadKnowledge(knowledgeDir())), null, 2);
} catch (err) {
  exitOnStartupError(err);
}
process.stdout.write(json + '\n');
