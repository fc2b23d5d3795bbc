import { say } from '../../shared/text.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { answering, result, type Step } from '../turn.js';
import { human } from './knowledge.js';

/**
 * A kind of thing the guide speaks of, followed by a name (« la certification
 * Voltaire », « le logiciel Scratch », « la plateforme Canva »): the name says
 * which one is meant, also after a word or two that say what it is for
 * (« la certification en langue Cambridge »).
 */
const NAMED =
  /\b(?:certification|certif|plateforme|application|appli|logiciel|outil|site|formation|commission|dispositif|label|concours|programme|service|espace|r[ée]seau|ENT)(?:\s+(?:de|du|des|en|pour|d['’]?)?\s*[a-zà-ÿ]+){0,2}?\s+(?:de\s+|du\s+|d['’]\s*)?([A-ZÀ-Ý][\p{L}-]{2,})/gu;

/**
 * A thing named that the guide never mentions (« la certification Voltaire »
 * is not Pix): the assistant says it does not know it, and who to ask, rather
 * than answer with the guide's page on another certification.
 */
export function unknownNames(engine: Engine): Step {
  return answering((turn) => {
    for (const [, name] of turn.text.matchAll(NAMED)) {
      const a = engine.analyzer.analyze(name);
      if (a.place || a.departement || a.niveau || !a.terms.length || a.terms.some((t) => engine.knows(t))) continue;
      return result('fallback', [say(T.unknownName(name)), say(human(engine, turn))], null, 0);
    }
    return undefined;
  });
}
