/**
 * The message types every layer shares. Adapters convert platform events to
 * an `IncomingMessage` and render the `TurnResult` they get back; the core
 * speaks first through an adapter's `send`. Nothing in here knows a platform.
 */

export type Niveau = 'college' | 'lycee';

/** Facts about a person that an adapter may already know. */
export interface ProfileHints {
  departement?: string;
  niveau?: Niveau;
}

export interface IncomingMessage {
  /** `console`, `slack`, `discord`, `tchap`, `batch`… */
  platform: string;
  /** Slack team, Discord guild, Matrix homeserver; `-` when there is none. */
  workspace: string;
  /** The platform's user id. */
  user: string;
  /** The conversation: a DM, a thread, a room. Flows are keyed by person and conversation. */
  conversation: string;
  /** What the person typed, raw. */
  text: string;
  /** Optional facts from the platform, merged into the stored profile. */
  profile?: ProfileHints;
  /**
   * False when the platform cannot write to this person on its own (Tchap
   * without its encryption module: direct conversations are encrypted), so
   * nothing personal is promised; absent: it can.
   */
  canWriteFirst?: boolean;
}

/** A block of a reply; each platform renders them its own way. */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'list'; items: string[]; ordered?: boolean }
  | { type: 'code'; text: string };

/** A choice offered to the person: a button where the platform has them, a numbered line otherwise. */
export interface Choice {
  /** What the button or the numbered line shows. */
  label: string;
  /** What the core receives when the choice is picked (sent back as the message text). */
  value: string;
}

/** One message of the bot. Plain text in `Block`s: URLs stay bare, renderers link them. */
export interface OutgoingMessage {
  blocks: Block[];
  choices?: Choice[];
}

export interface TurnResult {
  messages: OutgoingMessage[];
  /** What the engine decided to do: `kb.answer`, `fallback`, `smalltalk.hello`, `flow.step`… */
  intent: string;
  /** The knowledge entry the reply is drawn from, or null. */
  topic: string | null;
  /** 0 to 1. */
  confidence: number;
}

/** The one entry point every adapter calls. */
export interface TurnHandler {
  handle(message: IncomingMessage): Promise<TurnResult>;
}

/**
 * Where a message the assistant sends on its own goes: one person (a direct
 * message where the platform allows it) or a channel/room (optionally a thread).
 */
export type Address =
  | { kind: 'person'; workspace: string; user: string }
  | { kind: 'room'; workspace: string; room: string; thread?: string };

/**
 * What became of a send: delivered; to be tried again after a while (rate
 * limit, network); or refused for good (DMs closed, bot not in the room).
 */
export type SendResult =
  | { status: 'delivered'; id?: string }
  | { status: 'retry'; afterSeconds: number; reason: string }
  | { status: 'refused'; reason: string };

/** A platform adapter: it owns its SDK client, feeds messages to the assistant and can speak first. */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sends a message on the assistant's own initiative (reminders, digests), drawn as replies are. Never throws. */
  send(address: Address, message: OutgoingMessage): Promise<SendResult>;
}
