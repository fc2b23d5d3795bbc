/**
 * Every number that shapes a turn, named in one place (as nlp.js keeps its
 * settings): the answer / clarify / fallback thresholds, limits and durations.
 */
export interface Settings {
  /** Scores from here answer. */
  answerThreshold: number;
  /** Between this and `answerThreshold`, close entries are offered as choices. */
  suggestThreshold: number;
  /** A clear winner (`clearWinMargin` ahead of the next entry) is answered from this score on. */
  clearWinThreshold: number;
  clearWinMargin: number;
  /** Two pages that link each other, both close and well ahead of the rest, answer (the second as « voir aussi ») from this score on. */
  linkedThreshold: number;
  /** An answer whose linked page (`related`) comes closer than this also offers that page (« voir aussi »). */
  seeAlsoMargin: number;
  /** Two entries closer than this on a one-word message are a real doubt: ask which. */
  ambiguityMargin: number;
  /** …unless search and classifier together put one entry this far ahead (« qcm » is about activities, whatever else mentions it). */
  distinctMargin: number;
  /** When words unknown to the pack weigh this share of the message, it is out of scope. */
  foreignShare: number;
  /** How much the classifier weighs against the search in an entry's score (0 to 1). */
  classifierWeight: number;
  /** From this probability of « out of scope », above every entry, the message is out of scope. */
  outOfScopeThreshold: number;
  /** An answer below this score, to a question in another service's words that its page never uses (« la prime d'équipement »), yields to that service. */
  offPageThreshold: number;
  /** How many « Vouliez-vous dire » choices at most. */
  maxSuggestions: number;
  /** Longest message read; the rest is dropped with a note (a 1 MB paste must not stall the engine). */
  maxTextLength: number;
  /** How long « et pour le lycée ? » still refers to the previous answer. */
  followUpTtlMs: number;
  /** A record nobody has touched for this long is erased by the store itself (data minimisation). */
  retentionMs: number;
  /** A turn holds its person's lock this long at most (instances sharing Redis). */
  lockTtlMs: number;
  /** Another instance waits this long at most for that lock. */
  lockWaitMs: number;
  /** A guided flow left alone this long is over. */
  flowTtlMs: number;
  /** Keep the questions that got a menu or a fallback, without who asked, for `kb:gaps` (`RUPN_RECORD_UNANSWERED`). */
  recordUnanswered: boolean;
  /** Turns handled at once; a burst beyond waits its turn before it starts (see `Gate`). */
  maxTurnsAtOnce: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  answerThreshold: 0.5,
  suggestThreshold: 0.25,
  clearWinThreshold: 0.42,
  clearWinMargin: 0.12,
  linkedThreshold: 0.38,
  ambiguityMargin: 0.05,
  seeAlsoMargin: 0.08,
  distinctMargin: 0.4,
  foreignShare: 0.5,
  classifierWeight: 0.5,
  outOfScopeThreshold: 0.5,
  offPageThreshold: 0.7,
  maxSuggestions: 3,
  maxTextLength: 2000,
  followUpTtlMs: 30 * MINUTE,
  retentionMs: 365 * DAY,
  lockTtlMs: 10_000,
  lockWaitMs: 5_000,
  flowTtlMs: 7 * DAY,
  recordUnanswered: true,
  maxTurnsAtOnce: 32,
});
