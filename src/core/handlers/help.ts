import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { answering, result, type Step, type Turn } from '../turn.js';
import { say } from '../../shared/text.js';

const HELP =
  /^(aide|help|menu|\?|commandes|que sais tu faire|tu sais faire quoi|que peux tu faire|qu est ce que tu sais faire|qu est ce que tu peux faire|comment ca marche|mode d emploi|au secours|aide moi|aidez moi)$/;

/** True for « aide » and its everyday forms, read on the normalised text (a lone « ? » normalises to nothing). */
export function isHelp(turn: Turn): boolean {
  return HELP.test(turn.analysis.normalized) || turn.text === '?';
}

/** « aide »: what the assistant does, the flows it runs, and how to see or erase one's data. */
export function help(engine: Engine): Step {
  return answering((turn) => {
    if (!isHelp(turn)) return undefined;
    const { academie, lexicon } = engine.kb;
    const dep = lexicon.departements[0];
    const lines = T.help({
      sigle: academie.dane.sigle,
      ent: [academie.ent.college.nom, academie.ent.lycee.nom].join(', '),
      portail: academie.portail.nom,
      example: dep ? `du ${dep.numero}` : 'de votre département',
    });
    if (engine.flows.length) lines.splice(2, 0, T.helpFlows(engine.flows.map((f) => `${f.label} (« ${f.command} »)`)));
    if (engine.settings.recordUnanswered) lines.push(`- ${T.unanswered(academie.dane.sigle)}`);
    return result('help', [say(lines.join('\n\n'))]);
  });
}
