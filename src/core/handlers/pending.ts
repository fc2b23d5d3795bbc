import { normalize } from '../../nlu/normalize.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { result, type Handler, type Turn } from '../turn.js';
import { say } from '../../shared/text.js';
import { answerEntry } from './knowledge.js';

/** Picks a choice by its number, its exact label or its value; undefined when the text is something else. */
export function pickChoice(text: string, options: { label: string; value: string }[]): { label: string; value: string } | undefined {
  const n = normalize(text);
  const num = /^(?:n ?|numero |le |choix )?(\d{1,2})$/.exec(n);
  if (num) return options[Number(num[1]) - 1];
  return options.find((o) => normalize(o.label) === n || normalize(o.value) === n);
}

/**
 * Answers to the assistant's own last question: a département it asked for,
 * or a number among the suggestions it offered. Anything else is a new message.
 */
export function pending(engine: Engine): Handler {
  return (turn) => {
    const p = turn.conversation.pending;
    if (!p) return undefined;
    turn.conversation.pending = undefined;
    if (p.kind === 'slot') {
      const dep = turn.analysis.departement ?? choiceDepartement(turn, engine);
      const entry = engine.entry(p.entryId);
      if (dep && entry) {
        turn.person.profile.departement = dep;
        return answerEntry(engine, turn, entry, 1);
      }
      if (/^\d{1,2}$/.test(normalize(turn.text))) {
        turn.conversation.pending = p;
        return result('kb.clarify', [say(T.departementAgain, departementChoices(engine))], p.entryId, 0.5);
      }
      return undefined;
    }
    const choice = pickChoice(turn.text, p.options);
    if (choice) {
      turn.text = choice.value;
      turn.analysis = engine.analyzer.analyze(choice.value);
    }
    return undefined;
  };
}

function choiceDepartement(turn: Turn, engine: Engine): string | undefined {
  return pickChoice(turn.text, departementChoices(engine))?.value.match(/\d{2}/)?.[0];
}

export function departementChoices(engine: Engine) {
  return engine.kb.lexicon.departements.map((d) => ({ label: `${d.nom} (${d.numero})`, value: `${d.nom} (${d.numero})` }));
}
