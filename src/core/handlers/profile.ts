import { normalize } from '../../nlu/normalize.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import type { Handler, Turn } from '../turn.js';
import { say } from '../../shared/text.js';

const SELF = /\b(je suis|j enseigne|je travaille|je bosse|mon etablissement|nous sommes|on est|je viens|mon (college|lycee)|mon bahut)\b/;

/**
 * « je suis RUPN dans un collège de Dordogne » : the niveau and département are
 * kept in the profile; what remains of the message (a question) goes on.
 */
export function profileLearning(engine: Engine): Handler {
  return (turn) => {
    if (!turn.analysis.aboutSelf) return undefined;
    const segments = turn.text.split(/(?<=[,.;:!?])\s+|\s+(?:et|mais|alors)\s+(?=(?:qui|quel|quelle|comment|où|ou|est-ce|c'est|je (?:veux|voudrais|cherche)|pour)\b)/i);
    const self = segments.filter((s) => SELF.test(normalize(s)));
    const rest = segments.filter((s) => !SELF.test(normalize(s)));
    const found = engine.analyzer.analyze(self.join(' '));
    if (!found.departement && !found.niveau) return undefined;
    learn(turn, engine, found.departement, found.niveau);
    turn.text = rest.join(' ').trim();
    turn.analysis = engine.analyzer.analyze(turn.text);
    turn.profileOnly = !turn.text;
    return undefined;
  };
}

/** Stores what was learnt and prefaces the reply with an acknowledgement. */
export function learn(turn: Turn, engine: Engine, departement?: string, niveau?: 'college' | 'lycee'): void {
  const parts: string[] = [];
  if (niveau) {
    turn.person.profile.niveau = niveau;
    parts.push(T.niveau[niveau]);
  }
  if (departement) {
    turn.person.profile.departement = departement;
    parts.push(engine.answers.departementName(departement));
  }
  if (parts.length) turn.preface.push(say(T.profileSaved(T.profileWhat(parts))));
}
