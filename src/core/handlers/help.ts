import { normalize } from '../../nlu/normalize.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { result, type Handler } from '../turn.js';
import { say } from '../../shared/text.js';

const HELP = /^(aide|help|menu|\?|commandes|que sais tu faire|tu sais faire quoi|que peux tu faire|qu est ce que tu sais faire|qu est ce que tu peux faire|comment ca marche|mode d emploi|au secours|aide moi|aidez moi)$/;

export function isHelp(text: string): boolean {
  return HELP.test(normalize(text)) || text.trim() === '?';
}

/** « aide »: what the assistant does, the flows it runs, and how to see or erase one's data. */
export function help(engine: Engine): Handler {
  return (turn) => {
    if (!isHelp(turn.text)) return undefined;
    const lines = [...T.help];
    if (engine.flows.length) lines.splice(2, 0, T.helpFlows(engine.flows.map((f) => `${f.label} (« ${f.command} »)`)));
    return result('help', [say(lines.join('\n\n'))]);
  };
}
