import type { Engine, FlowTrigger } from '../core/engine.js';
import { answerEntry } from '../core/handlers/knowledge.js';
import { pickChoice } from '../core/handlers/pending.js';
import { askedParts } from '../core/handlers/several.js';
import { isGreeting } from '../core/handlers/smalltalk.js';
import { T } from '../core/texts.js';
import { answering, result, type Step, type Turn } from '../core/turn.js';
import { say } from '../shared/text.js';
import type { Choice, OutgoingMessage, TurnResult } from '../shared/types.js';
import { editDistance } from '../nlu/fuzzy.js';
import { normalize } from '../nlu/normalize.js';
import type { FlowState } from '../state/people.js';
import { F } from './texts.js';
import type { FlowContext, FlowDef, StepDef } from './types.js';

const COMMANDS: [RegExp, 'cancel' | 'back' | 'restart' | 'help' | 'skip'][] = [
  [
    // « non merci j'arrête », « annule tout », « bon, on laisse tomber »: politeness around the word
    /^(?:(?:non|non merci|bon|ok|finalement|en fait|laisse|laissez)\s+)*(?:(?:je |j |on )?(?:annuler|annule|annulez|stop|stopper|arrete|arreter|arretez|abandonner|abandonne|abandon|laisse tomber|laissez tomber|quitter|sortir|fin)(?:\s+(?:tout|ca|la|merci|stp|svp|(?:la|le|cette|ma|mon) (?:demarche|demande|checklist|annonce|lettre|fil|ticket|signalement|commission)))*|ca (?:ne )?m interesse plus|(?:je n en ai )?plus besoin|pas besoin finalement|(?:je )?(?:ne )?(?:n en )?veux plus(?: (?:le|la) faire)?|je n en veux plus|oublie (?:ca|la demande|cette demande|tout ca))$/,
    'cancel',
  ],
  [
    // « je me suis trompé de collège »: the answer just given is to be given again
    /^(retour|precedent|revenir|reviens|question precedente|etape precedente|en arriere|(?:oups |pardon )?je me suis trompee?(?: de \S+)?|c est une erreur|mauvaise reponse|je veux corriger(?: ma reponse)?)$/,
    'back',
  ],
  [/^(recommencer|recommence|reprendre a zero|depuis le debut|on recommence)$/, 'restart'],
  [
    // « je sais pas quoi mettre », « un exemple ? »: what the step wants, not an answer to it
    /^(aide|help|\?|(je )?(ne )?(comprends|comprend) (pas|rien)( (a )?(la|ta|votre|cette) question| ce que (tu demandes|vous demandez|je dois faire))?|comment ca marche|que dois je repondre|(je )?(ne )?(sais|vois) pas (trop )?(quoi|ce qu il faut|ce que je dois) (mettre|repondre|ecrire|dire|indiquer)|(que|qu est ce que) (je dois |dois je |il faut |faut il )?(mettre|repondre|ecrire|indiquer)|quoi mettre|(tu as |vous avez |donne moi |donnez moi )?(un|des) exemples?( stp| svp)?)$/,
    'help',
  ],
  [/^(passer|passe|je ne sais pas|sais pas|aucun|aucune|rien|non|personne|non concerne|je passe|pas encore|pas d idee)$/, 'skip'],
];
const YES =
  /^(oui|o|ok|okay|yes|valider|valide|je valide|confirmer|confirme|c est bon|c est correct|correct|parfait|d accord|go|envoyer|oui c est bon|tout est correct)$/;
const NO = /^(non|no|pas tout a fait|pas vraiment|erreur)$/;
/** « non » to a question whose choices include « none of them ». */
const NONE = /^(non|no|non merci|non aucun|non aucune|non personne|aucun|aucune|personne|rien|pas de partage|non pas de partage)$/;
const EDIT = /^(?:modifier|modifie|changer|change|corriger|corrige)\s*(.*)$/;
/** Signals that the person asks a question of their own in the middle of a flow. */
/** Words that ask for something to be done; without one (or a wish), a topic name gets the guide's answer. */
const ACTION =
  /\b(demande|demander|signaler|signale|declarer|declare|organiser|organise|preparer|prepare|rediger|redige|ecrire|remplir|ouvrir|monter|creer|mettre en place|planifier|annoncer|checklist|faire|lancer|suivre)\b/;
/** « où j'en étais ? »: the person lost the thread. */
const WHERE_WERE_WE =
  /^((pardon|desole|desolee|oups|excusez moi|excuse moi) )?(je reviens|me revoici|ou j en etais|ou en etais je|on en etait ou|on en est ou|ou on en est|ou en est on|ou en etions nous|je reprends|reprenons|on reprend|je suis de retour|me revoila|rappelle moi la question|c etait quoi la question|quelle etait la question|je ne sais plus ou j en etais)$/;
const ASIDE =
  /^(au fait|au passage|petite question|une question|autre question|question|par ailleurs|d ailleurs|juste une question|hors sujet|attends|sinon)\b/;

function command(text: string) {
  const n = normalize(text);
  return COMMANDS.find(([re]) => re.test(n))?.[1];
}

/** Resolves one or several choices from a number, a label, a value or a close misspelling. */
export function resolveChoices(text: string, choices: Choice[], multiple: boolean): Choice[] | undefined {
  const one = (part: string): Choice | undefined => {
    const picked = pickChoice(part, choices);
    if (picked) return picked;
    const n = normalize(part);
    if (n.length < 3) return undefined;
    const scored = choices
      .map((c) => ({ c, d: Math.min(editDistance(n, normalize(c.label)), editDistance(n, normalize(c.value))) }))
      .sort((a, b) => a.d - b.d);
    if (scored[0] && scored[0].d <= Math.max(1, Math.floor(n.length / 5))) return scored[0].c;
    const contained = choices.filter((c) => normalize(c.label).includes(n) || normalize(c.value).includes(n));
    if (contained.length === 1) return contained[0];
    // « Collège Jean Moulin » names the choice « Collège »
    const named = choices.filter((c) => normalize(c.label).length >= 3 && ` ${n} `.includes(` ${normalize(c.label)} `));
    return named.length === 1 ? named[0] : undefined;
  };
  if (!multiple) return ((c) => (c ? [c] : undefined))(one(text));
  if (/^(tous|toutes|tout|l ensemble)$/.test(normalize(text))) return choices;
  const exact = pickChoice(text, choices);
  if (exact) return [exact];
  // each part first: « le RUPN et la vie scolaire » is two members, not « Le RUPN » found inside the whole
  const parts = text
    .split(/[,;/+]|\s+et\s+|\s+(?=\d)/)
    .map((p) => p.trim())
    .filter(Boolean);
  const found = parts.map(one);
  if (parts.length > 1 && found.every(Boolean)) return [...new Set(found as Choice[])];
  const whole = one(text);
  return whole ? [whole] : undefined;
}

/** Runs declared flows: start on request, one step per turn, summary and confirmation, commands at any step. */
export class FlowRunner {
  private readonly defs: Map<string, FlowDef>;

  constructor(
    defs: FlowDef[],
    private readonly engine: Engine,
  ) {
    this.defs = new Map(defs.map((d) => [d.id, d]));
  }

  private ctx(turn: Turn, state: FlowState): FlowContext {
    return {
      slots: state.slots,
      person: turn.person,
      niveau: turn.person.profile.niveau,
      now: turn.now,
      engine: this.engine,
      conversation: turn.message.conversation,
      canWriteFirst: turn.message.canWriteFirst !== false,
    };
  }

  private choices(step: StepDef, ctx: FlowContext): Choice[] | undefined {
    return typeof step.choices === 'function' ? step.choices(ctx) : step.choices;
  }

  /** The question of the current step, as a message. */
  private ask(def: FlowDef, state: FlowState, ctx: FlowContext): OutgoingMessage {
    const step = def.steps.find((s) => s.id === state.step)!;
    const prompt = typeof step.prompt === 'function' ? step.prompt(ctx) : step.prompt;
    return say(prompt + (step.optional ? ' (« passer » si vous ne savez pas)' : ''), this.choices(step, ctx));
  }

  /** The first step from `from` on that applies (and is unanswered, if asked), filling what is known; null when none. */
  private advance(def: FlowDef, state: FlowState, ctx: FlowContext, from: number, skipAnswered = false): string | null {
    for (let i = from; i < def.steps.length; i++) {
      const s = def.steps[i];
      if (s.when && !s.when(ctx)) {
        delete state.slots[s.id];
        continue;
      }
      if ((skipAnswered || s.readAlong) && state.slots[s.id] !== undefined) continue;
      const pre = s.prefill?.(ctx);
      if (pre !== undefined) {
        state.slots[s.id] = pre;
        continue;
      }
      return s.id;
    }
    return null;
  }

  start(turn: Turn, def: FlowDef): TurnResult {
    const state: FlowState = {
      flowId: def.id,
      version: def.version,
      step: '',
      slots: {},
      history: [],
      expiresAt: new Date(turn.now.getTime() + this.engine.settings.flowTtlMs).toISOString(),
    };
    const ctx = this.ctx(turn, state);
    turn.conversation.pending = undefined;
    if (def.custom) {
      state.step = 'custom';
      turn.conversation.flow = state;
      return result('flow.start', def.custom.start(ctx), null, 1);
    }
    state.step = this.advance(def, state, ctx, 0) ?? '';
    turn.conversation.flow = state;
    return result('flow.start', [say(def.intro), this.ask(def, state, ctx)], null, 1);
  }

  /** Handles a message while a flow is in progress; undefined lets the rest of the assistant answer. */
  continue(turn: Turn): TurnResult | undefined {
    const state = turn.conversation.flow!;
    const def = this.defs.get(state.flowId);
    if (def && state.version < def.version) migrateFlow(def, state);
    if (!def || def.version !== state.version) {
      turn.conversation.flow = undefined;
      turn.preface.push(say(F.outdated(def?.label ?? state.flowId, def?.command ?? 'aide')));
      return undefined;
    }
    if (state.expiresAt < turn.now.toISOString()) {
      turn.conversation.flow = undefined;
      turn.preface.push(say(F.expired(def.label)));
      return undefined;
    }
    state.expiresAt = new Date(turn.now.getTime() + this.engine.settings.flowTtlMs).toISOString();
    const ctx = this.ctx(turn, state);
    const cmd = command(turn.text);
    const interrupted = this.interruption(turn, def, state, ctx, cmd);
    if (interrupted) return interrupted;
    if (cmd === 'cancel') {
      turn.conversation.flow = undefined;
      return result('flow.cancel', [say(F.cancelled(def.label))]);
    }
    if (def.custom) {
      if (cmd === 'help') return result('flow.help', [say(F.stepHelp(def.steps[0]?.help ?? def.intro, false))]);
      // a question in the middle of the checklist is answered, then the list is shown again; so is a wish
      // (« je dois signaler une panne de l'ENT »): its answers are step numbers, never sentences
      const aside = this.aside(turn, def.steps[0], ctx, true);
      if (aside) return aside;
      const out = def.custom.turn(turn.text, ctx);
      if (out.done) turn.conversation.flow = undefined;
      return result(out.done ? 'flow.done' : 'flow.step', out.messages);
    }
    if (cmd === 'restart') return this.restart(def, state, ctx);
    if (state.reviewing) return this.review(turn, def, state, ctx);
    const step = def.steps.find((s) => s.id === state.step)!;
    if (cmd === 'help') return result('flow.help', [say(F.stepHelp(step.help, Boolean(step.optional))), this.ask(def, state, ctx)]);
    if (cmd === 'back') return this.back(def, state, ctx);
    const aside = this.aside(turn, step, ctx);
    if (aside) return aside;
    if (this.isQuestion(turn) && !this.choices(step, ctx)?.length)
      return result('flow.invalid', [say(F.notAnAnswer), this.ask(def, state, ctx)]);
    if (cmd === 'skip' && !this.choices(step, ctx)?.length) {
      if (!step.optional) return result('flow.invalid', [say(F.notOptional), this.ask(def, state, ctx)]);
      state.slots[step.id] = '';
      return this.next(turn, def, state, ctx);
    }
    const value = this.read(step, turn.text, ctx);
    if ('error' in value) {
      state.misses = (state.misses ?? 0) + 1;
      // a second miss on a step with a usual answer: take it rather than loop (the summary lets them change it)
      if (state.misses < 2 || !step.defaultOnYes) return result('flow.invalid', [say(value.error), this.ask(def, state, ctx)]);
      turn.preface.push(say(F.tookDefault));
      state.slots[step.id] = step.defaultOnYes;
    } else {
      state.slots[step.id] = value.value;
      this.readAlong(turn, def, step, state, ctx);
    }
    state.misses = 0;
    return this.next(turn, def, state, ctx);
  }

  /**
   * Later steps that the answer to `step` says too (the hour in « jeudi 14 janvier à 12h30 »): kept, and said so.
   * A new answer without it keeps the one given before (a date changed, the same hour).
   */
  private readAlong(turn: Turn, def: FlowDef, step: StepDef, state: FlowState, ctx: FlowContext): void {
    for (const s of def.steps.filter((x) => x.readAlong?.from === step.id)) {
      const found = s.readAlong!.read(turn.text, ctx);
      if (found && 'value' in found) {
        state.slots[s.id] = found.value;
        turn.preface.push(say(F.tookAlong(s.label, found.value)));
      }
    }
  }

  /** The question of the current step again, whatever kind of flow. */
  private askAgain(def: FlowDef, state: FlowState, ctx: FlowContext): OutgoingMessage[] {
    if (def.custom) return def.custom.start(ctx);
    if (state.reviewing) return [this.summary(def, state, ctx)];
    return [this.ask(def, state, ctx)];
  }

  /** A question mark on a question: not an answer to the step. */
  private isQuestion(turn: Turn): boolean {
    return turn.analysis.question && /\?\s*$/.test(turn.text);
  }

  /**
   * What must not be taken as the step's answer: a greeting or « où j'en
   * étais ? » after a pause (say where we are and ask again), or a request for
   * another flow (offer to switch; « non » asks the step again).
   */
  private interruption(
    turn: Turn,
    def: FlowDef,
    state: FlowState,
    ctx: FlowContext,
    cmd: ReturnType<typeof command>,
  ): TurnResult | undefined {
    const n = turn.analysis.normalized;
    if (state.switchTo) {
      const other = this.defs.get(state.switchTo);
      state.switchTo = undefined;
      // written by older versions, which took the request itself as the step's answer after « non »
      state.switchText = undefined;
      if (other && YES.test(n)) return this.start(turn, other);
      // « Non : continuer à … » is the question asked again: the request was not an answer (« je veux signaler une panne » is no FIL title)
      if (NO.test(n) || /^(continuer|on continue|je continue)$/.test(n))
        return result('flow.resume', [say(F.resume), ...this.askAgain(def, state, ctx)]);
    }
    if (isGreeting(turn) || WHERE_WERE_WE.test(n))
      return result('flow.resume', [say(F.whereWeAre(def.label)), ...this.askAgain(def, state, ctx)]);
    // a command of the flow (« qu'est-ce que je dois mettre ») is no request for another one (« mettre en place… »)
    if (cmd) return undefined;
    const other = this.requested(turn);
    // « finalement je préfère faire une demande de FIL »: a change of mind says what is wanted instead
    const rather = /\b(finalement|plutot|je prefere|en fait)\b/.test(n);
    if (other && other.id !== def.id && (turn.analysis.wish || rather || normalize(other.command) === n || n.split(' ').length <= 6)) {
      state.switchTo = other.id;
      return result('flow.switch', [
        say(F.switchOffer(def.label, other.label), [
          { label: F.switchYes(other.label), value: 'oui' },
          { label: F.switchNo(def.label), value: 'non' },
        ]),
      ]);
    }
    return undefined;
  }

  /** A question of its own in the middle of a flow: answered, then the step is asked again. */
  private aside(turn: Turn, step: StepDef, ctx: FlowContext, wishes = false): TurnResult | undefined {
    const a = turn.analysis;
    const text = normalize(turn.text);
    const choices = this.choices(step, ctx);
    if (choices?.length && resolveChoices(turn.text, choices, Boolean(step.multiple))) return undefined;
    const marked = ASIDE.test(text) || (wishes && a.wish);
    if (!marked && !(a.question && /\?\s*$/.test(turn.text))) return undefined;
    const top = this.engine.search(a).find((h) => !h.id.startsWith('flow:'));
    if (!top || top.score < this.engine.settings.answerThreshold) return undefined;
    let answer = answerEntry(this.engine, turn, this.engine.entry(top.id)!, top.score);
    // no side question in the middle of a flow: the whole list rather than « which département? »
    if (answer.intent === 'kb.clarify')
      answer = result(
        'kb.answer',
        [this.engine.answers.build(this.engine.entry(top.id)!, { niveau: turn.person.profile.niveau })],
        top.id,
        top.score,
      );
    turn.conversation.pending = undefined;
    const def = this.defs.get(turn.conversation.flow!.flowId)!;
    return { ...answer, messages: [...answer.messages, say(F.resume), ...this.askAgain(def, turn.conversation.flow!, ctx)] };
  }

  private read(step: StepDef, text: string, ctx: FlowContext): { value: string } | { error: string } {
    const choices = this.choices(step, ctx);
    if (choices?.length) {
      if (step.defaultOnYes && YES.test(normalize(text))) return { value: step.defaultOnYes };
      if (step.valueOnNo && NONE.test(normalize(text))) return { value: step.valueOnNo };
      const picked = resolveChoices(text, choices, Boolean(step.multiple));
      if (!picked) return step.validate ? step.validate(text, ctx) : { error: F.badChoice };
      return { value: picked.map((c) => c.value).join(' ; ') };
    }
    return step.validate ? step.validate(text, ctx) : text.trim() ? { value: text.trim() } : { error: F.badChoice };
  }

  private next(turn: Turn, def: FlowDef, state: FlowState, ctx: FlowContext): TurnResult {
    state.history.push(state.step);
    const idx = def.steps.findIndex((s) => s.id === state.step);
    // after a change from the summary, only steps it made apply are asked, then back to the summary
    const nextId = state.editing ? this.advance(def, state, ctx, 0, true) : this.advance(def, state, ctx, idx + 1);
    if (nextId) {
      state.step = nextId;
      return result('flow.step', [this.ask(def, state, ctx)]);
    }
    state.editing = false;
    if (def.noReview) return this.finish(turn, def, ctx);
    state.reviewing = true;
    return result('flow.review', [this.summary(def, state, ctx)]);
  }

  private summary(def: FlowDef, state: FlowState, ctx: FlowContext): OutgoingMessage {
    const asked = def.steps.filter((s) => state.slots[s.id] !== undefined && (!s.when || s.when(ctx)));
    const show = (s: StepDef) => {
      const v = state.slots[s.id];
      if (!v) return F.empty;
      const label = this.choices(s, ctx)?.length
        ? v
            .split(' ; ')
            .map((x) => this.choices(s, ctx)!.find((c) => c.value === x)?.label ?? x)
            .join(', ')
        : v;
      return s.format ? s.format(v) : label;
    };
    const lines = asked.map((s) => `- ${s.label} : ${show(s)}`);
    const example = (asked[asked.length > 1 ? 1 : 0]?.label ?? '').toLowerCase();
    return say(`${F.summary}\n\n${lines.join('\n')}\n\n${F.confirm}${example}${F.confirmEnd}`, [
      { label: F.validate, value: 'oui' },
      { label: F.cancel, value: 'annuler' },
    ]);
  }

  private review(turn: Turn, def: FlowDef, state: FlowState, ctx: FlowContext): TurnResult {
    const text = normalize(turn.text);
    if (YES.test(text)) return this.finish(turn, def, ctx);
    const edit = EDIT.exec(text);
    const fields = def.steps.filter((s) => state.slots[s.id] !== undefined);
    const fieldChoices = fields.map((s) => ({ label: s.label, value: `modifier ${normalize(s.label)}` }));
    if (NO.test(text) || (edit && !edit[1])) return result('flow.review', [say(F.whatToEdit, fieldChoices)]);
    const picked = pickChoice(turn.text, fieldChoices);
    const wanted = picked ? picked.value.replace(/^modifier /, '') : edit ? edit[1] : text;
    const target =
      fields.find((s) => normalize(s.label) === wanted || s.id === wanted) ??
      fields.find((s) => normalize(s.label).includes(wanted) || wanted.includes(normalize(s.label)));
    if (!target) return result('flow.review', edit ? [say(F.unknownField, fieldChoices)] : [this.summary(def, state, ctx)]);
    state.reviewing = false;
    state.editing = true;
    state.step = target.id;
    return result('flow.step', [this.ask(def, state, ctx)]);
  }

  private back(def: FlowDef, state: FlowState, ctx: FlowContext): TurnResult {
    const prev = state.history.pop();
    if (!prev) return result('flow.step', [say(F.noPrevious), this.ask(def, state, ctx)]);
    state.step = prev;
    return result('flow.step', [say(F.back), this.ask(def, state, ctx)]);
  }

  private restart(def: FlowDef, state: FlowState, ctx: FlowContext): TurnResult {
    state.slots = {};
    state.history = [];
    state.reviewing = false;
    state.editing = false;
    ctx.slots = state.slots;
    state.step = this.advance(def, state, ctx, 0) ?? '';
    return result('flow.restart', [say(F.restarted), this.ask(def, state, ctx)]);
  }

  private finish(turn: Turn, def: FlowDef, ctx: FlowContext): TurnResult {
    turn.conversation.flow = undefined;
    const out = def.finish(ctx);
    return result('flow.done', out.messages, out.topic ?? null, 1);
  }

  /** Starts the flow the message asks for, if it asks for one. */
  requested(turn: Turn): FlowDef | undefined {
    const text = normalize(turn.text);
    for (const d of this.defs.values()) if (normalize(d.command) === text) return d;
    const a = turn.analysis;
    const hits = this.engine.search(a);
    const flow = hits.find((h) => h.id.startsWith('flow:'));
    const entry = hits.find((h) => !h.id.startsWith('flow:'));
    if (!flow || flow.score < this.engine.settings.answerThreshold) return undefined;
    // two questions in one message (« la certif pix c'est quand et le fil comment on le demande »): answered, not a form
    if (askedParts(this.engine, turn).parts.length >= 2) return undefined;
    const asks = a.wish || (!a.question && ACTION.test(text));
    // a wish (« je voudrais… ») lets the flow start a little behind a page, not far behind (« des tablettes, comment faire la demande »)
    const behind = (entry?.score ?? 0) - flow.score;
    if (asks && behind <= (a.wish ? WISH_LEAD : 0)) return this.defs.get(flow.id.slice(5));
    return undefined;
  }
}

/** How far behind the best page a flow that the person says they want may still start. */
const WISH_LEAD = 0.1;

/** How the search finds each flow: its label, its command and its trigger phrases. */
export const flowTriggers = (defs: FlowDef[]): FlowTrigger[] =>
  defs.map((d) => ({
    id: d.id,
    label: d.label,
    command: d.command,
    triggers: d.triggers,
    fields: d.steps.map((s) => ({ id: s.id, label: s.label })),
  }));

/**
 * Brings a saved state made with an older definition up to date, one version
 * at a time (as grammY's conversations migrate their state). A state that
 * cannot be migrated keeps its old version, and the runner then ends it with
 * a notice rather than misread it.
 */
export function migrateFlow(def: FlowDef, state: FlowState): void {
  while (state.version < def.version) {
    const step = def.migrations?.[state.version];
    if (!step) return;
    Object.assign(state, step(state), { version: state.version + 1 });
  }
}

/**
 * The guided flows as two steps of the turn: `continuing` lets a flow in
 * progress own the conversation (composed early), `starting` starts the flow
 * a message asks for (composed before the knowledge search).
 */
export function guidedFlows(engine: Engine, defs: FlowDef[]): { continuing: Step; starting: Step } {
  const runner = new FlowRunner(defs, engine);
  return {
    continuing: answering((turn) => {
      if (turn.conversation.flow) return runner.continue(turn);
      return command(turn.text) === 'cancel' ? result('flow.none', [say(T.nothingToCancel)]) : undefined;
    }),
    starting: answering((turn) => {
      const def = runner.requested(turn);
      return def ? runner.start(turn, def) : undefined;
    }),
  };
}
