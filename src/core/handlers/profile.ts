import { normalize } from '../../nlu/normalize.js';
import { say } from '../../shared/text.js';
import type { Niveau } from '../../shared/types.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import type { Step, Turn } from '../turn.js';
import { retell } from './pending.js';

const SELF = /\b(je suis|j enseigne|je travaille|je bosse|mon etablissement|nous sommes|on est|je viens|mon (college|lycee)|mon bahut)\b/;
/** Where a statement about oneself ends and a question begins. */
const SEAM = /(?<=[,.;:!?])\s+|\s+(?:et|mais|alors)\s+(?=(?:qui|quel|quelle|comment|où|ou|est-ce|c'est|je (?:veux|voudrais|cherche)|pour)\b)/i;

/**
 * « je suis RUPN dans un collège de Dordogne, qui est mon coordo ? »: the
 * niveau and département go into the profile, with an acknowledgement; the
 * rest of the message (a question) goes on to the next steps as the turn's text.
 */
export function profileLearning(engine: Engine): Step {
  return async (turn, next) => {
    if (turn.analysis.aboutSelf) {
      const segments = turn.text.split(SEAM);
      const self = segments.filter((s) => SELF.test(normalize(s)));
      const found = engine.analyzer.analyze(self.join(' '));
      if (found.departement || found.niveau) {
        learn(turn, engine, found.departement, found.niveau);
        retell(engine, turn, segments.filter((s) => !SELF.test(normalize(s))).join(' ').trim());
        turn.profileOnly = !turn.text;
      }
    }
    await next();
  };
}

/** Stores what was learnt and prefaces the reply with an acknowledgement. */
export function learn(turn: Turn, engine: Engine, departement?: string, niveau?: Niveau): void {
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
