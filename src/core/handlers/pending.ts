import { normalize } from '../../nlu/normalize.js';
import { say } from '../../shared/text.js';
import type { Choice } from '../../shared/types.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { result, type Step, type Turn } from '../turn.js';
import { answerEntry, departementChoices } from './knowledge.js';

/** Picks a choice by its number, its exact label or its value; undefined when the text is something else. */
export function pickChoice(text: string, options: Choice[]): Choice | undefined {
  const n = normalize(text);
  const num = /^(?:n ?|numero |le |choix )?(\d{1,2})$/.exec(n);
  if (num) return options[Number(num[1]) - 1];
  return options.find((o) => normalize(o.label) === n || normalize(o.value) === n);
}

/** Reads the turn again as if the person had typed `text` (a picked choice, what is left after a profile statement). */
export function retell(engine: Engine, turn: Turn, text: string): void {
  turn.text = text;
  turn.analysis = engine.analyzer.analyze(text);
}

/**
 * Answers to the assistant's own last question. A département it asked for
 * is answered here; a number among the suggestions it offered is read as the
 * chosen entry and passed on. Anything else is a new message, passed on as is.
 */
export function pending(engine: Engine): Step {
  return async (turn, next) => {
    const p = turn.conversation.pending;
    turn.conversation.pending = undefined;
    if (p?.kind === 'slot') {
      const dep = turn.analysis.departement ?? pickChoice(turn.text, departementChoices(engine))?.value.match(/\(([^)]+)\)$/)?.[1];
      const entry = engine.entry(p.entryId);
      if (dep && entry) {
        turn.person.profile.departement = dep;
        turn.result = answerEntry(engine, turn, entry, 1);
        return;
      }
      if (/^\d{1,3}$/.test(turn.analysis.normalized)) {
        turn.conversation.pending = p;
        turn.result = result('kb.clarify', [say(T.departementAgain, departementChoices(engine))], p.entryId, 0.5);
        return;
      }
    }
    if (p?.kind === 'choices') {
      const choice = pickChoice(turn.text, p.options);
      if (choice) retell(engine, turn, choice.value);
    }
    await next();
  };
}
