import type { Engine } from '../core/engine.js';
import type { Choice, Niveau, OutgoingMessage } from '../shared/types.js';
import type { FlowState, PersonRecord } from '../state/people.js';

/** What a step's functions may read: the answers so far, the person, the clock. */
export interface FlowContext {
  slots: Record<string, string>;
  person: PersonRecord;
  niveau?: Niveau;
  now: Date;
  engine: Engine;
  /** Where the person is talking (for a reminder sent back there). */
  conversation: string;
  /** Whether the assistant can write to the person on its own here (a reminder): false on Tchap without encryption. */
  canWriteFirst: boolean;
}

/** A validator turns the person's text into the stored value, or says what is wrong (in French). */
export type Validator = (text: string, ctx: FlowContext) => { value: string } | { error: string };

export interface StepDef {
  /** Slot name, also what « modifier <champ> » looks for (with `label`). */
  id: string;
  /** Short name in the summary: « Intitulé ». */
  label: string;
  prompt: string | ((ctx: FlowContext) => string);
  /** What « aide » says at this step. */
  help: string;
  choices?: Choice[] | ((ctx: FlowContext) => Choice[]);
  /** Several choices at once (« 1, 3 »). */
  multiple?: boolean;
  /** How the stored value reads in the summary (a date stored as 2027-03-12). */
  format?: (value: string) => string;
  /** The choice value(s) taken when the person just says « oui » (the guide's usual case). */
  defaultOnYes?: string;
  /** The choice value taken when the person just says « non » (« Aucun partage »). */
  valueOnNo?: string;
  /** « passer » leaves it empty. */
  optional?: boolean;
  /** Checks free text; with `choices`, it reads what is not one of them (« 12h45 »). */
  validate?: Validator;
  /** The step is asked only when this holds (conditions on earlier answers or the profile). */
  when?: (ctx: FlowContext) => boolean;
  /**
   * The answer to an earlier step may already say this one (« jeudi 14 janvier à 12h30 » gives the hour, « le TBI de
   * la salle 104 ne s'allume plus » the room): `read` finds it there, and a value found is kept and the step not asked.
   */
  readAlong?: { from: string; read: Validator };
  /** A value known already (the profile's niveau): the step is then skipped. */
  prefill?: (ctx: FlowContext) => string | undefined;
}

/** What a finished flow gives back, and what it changes in the person's record. */
export interface FlowOutcome {
  messages: OutgoingMessage[];
  /** Topic the final document is drawn from (e.g. `formation.fil`), for `batch`. */
  topic?: string;
}

export interface FlowDef {
  id: string;
  /** Bump when steps change; add a migration from the old version, or older saved states end with a notice. */
  version: number;
  /** `migrations[n]` turns a state saved with version n into version n + 1 (renamed slots, new steps). */
  migrations?: Record<number, (state: FlowState) => Partial<FlowState>>;
  /** « préparer une demande de FIL » */
  label: string;
  /** What to type to start it. */
  command: string;
  /** How people ask for it; matched by the same search as the knowledge base. */
  triggers: string[];
  intro: string;
  steps: StepDef[];
  /** Skip the summary and confirmation (the checklist acts at every turn). */
  noReview?: boolean;
  finish(ctx: FlowContext): FlowOutcome;
  /** A flow that is not slot filling takes over each turn itself (the GAR checklist). */
  custom?: {
    start(ctx: FlowContext): OutgoingMessage[];
    /** Returns the reply, and `done` when the flow is over. */
    turn(text: string, ctx: FlowContext): { messages: OutgoingMessage[]; done?: boolean };
  };
}
