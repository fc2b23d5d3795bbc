import { knowledgeDir } from '../knowledge/config.js';
import { exportKnowledge } from '../knowledge/export.js';
import { loadKnowledge } from '../knowledge/loader.js';

process.stdout.write(JSON.stringify(exportKnowledge(loadKnowledge(knowledgeDir())), null, 2) + '\n');
