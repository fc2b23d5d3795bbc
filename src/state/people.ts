import type { Niveau } from '../shared/types.js';

/** What the assistant keeps about a person; nothing else (no message text). */
export interface Profile {
  departement?: string;
  niveau?: Niveau;
}

/** A question the assistant asked and whose answer it waits for. */
export type Pending =
  | { kind: 'slot'; slot: 'departement'; entryId: string }
  | { kind: 'choices'; options: { label: string; value: string }[] }
  /** « mes données » was just shown (a vague « efface tout ça » then means all of it), or an erasure awaits confirmation. */
  | { kind: 'privacy'; step: 'shown' | 'confirm-erase' };

/** A guided flow in progress, serialisable as is. */
export interface FlowState {
  flowId: string;
  /** The version of the flow's definition the state was made with; migrated on read when it is older. */
  version: number;
  step: string;
  slots: Record<string, string>;
  /** Steps done, to go back. */
  history: string[];
  /** Set once every step is answered: the person is shown the summary. */
  reviewing?: boolean;
  /** Unusable answers in a row at the current step. */
  misses?: number;
  /** Changing one answer from the summary: go back to the summary after it. */
  editing?: boolean;
  /** Another flow the person seemed to ask for, offered in place of this one. */
  switchTo?: string;
  /** What they typed then: written by older versions only, cleared when read. */
  switchText?: string;
  expiresAt: string;
}

export interface ConversationState {
  flow?: FlowState;
  pending?: Pending;
  updatedAt: string;
}

/** A reminder the person asked for (sent by the scheduler). */
export interface ReminderRequest {
  id: string;
  kind: string;
  /** ISO date-time when it is due. */
  due: string;
  text: string;
  conversation: string;
}

/**
 * Something the person asked to receive: `digest` (the weekly digest) or a
 * subject of the académie's calendar (`gar`, `pix`…). Nothing is sent to
 * anyone who has none.
 */
export interface Subscription {
  topic: string;
  /** ISO date-time it was asked for. */
  since: string;
}

/** Checklists and other lasting progress, by id. */
export type Progress = Record<string, string[]>;

/** The shape version of a stored `PersonRecord`; records of an older shape are migrated on read. */
export const PERSON_VERSION = 3;

export interface PersonRecord {
  /** Shape version (absent in the first records, which are version 1). */
  version: number;
  profile: Profile;
  conversations: Record<string, ConversationState>;
  reminders: ReminderRequest[];
  subscriptions: Subscription[];
  progress: Progress;
  createdAt: string;
  updatedAt: string;
}

export const PEOPLE = 'people';

export function emptyRecord(now: Date): PersonRecord {
  const t = now.toISOString();
  return {
    version: PERSON_VERSION,
    profile: {},
    conversations: {},
    reminders: [],
    subscriptions: [],
    progress: {},
    createdAt: t,
    updatedAt: t,
  };
}

/** `platform:workspace:user`, the person's key everywhere. */
export const personKey = (platform: string, workspace: string, user: string) => `${platform}:${workspace}:${user}`;
