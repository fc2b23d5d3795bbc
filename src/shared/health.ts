/**
 * What the operators' page shows of each platform adapter: connected or not,
 * when it last received an event, its last error. One registry per process,
 * updated by the shared inbound pipeline, the transports and `npm start`;
 * nothing in it names a person, and error texts are cut and masked.
 */
export interface AdapterHealth {
  name: string;
  connected: boolean;
  /** When the adapter last connected (ISO). */
  since?: string;
  /** When it last received an event from its platform (ISO). */
  lastEvent?: string;
  lastError?: { at: string; message: string };
}

/** Long runs of token-like characters (a Slack `xoxb-…`, a bearer token, a Matrix access token) never leave the registry. */
const SECRET = /\b(xox[a-z]-[\w-]+|[\w-]{24,}\.[\w-]{6,}\.[\w-]{20,}|syt_[\w-]+|[A-Za-z0-9_-]{32,})/g;
/** Platform user ids (`U0123ABCD`, `@jeanne:agent.tchap.gouv.fr`, Discord snowflakes) are people: masked too. */
const PERSON = /(@[\w.=-]+:[\w.-]+|\bU[A-Z0-9]{8,}\b|\b\d{17,20}\b)/g;

/** An error text fit to show: first line, masked, at most 200 characters. */
export function safeErrorText(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.replace(SECRET, '***').replace(PERSON, '…').slice(0, 200);
}

/** The adapters' health in this process. */
export class HealthRegistry {
  private readonly adapters = new Map<string, AdapterHealth>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  private entry(name: string): AdapterHealth {
    let e = this.adapters.get(name);
    if (!e) {
      e = { name, connected: false };
      this.adapters.set(name, e);
    }
    return e;
  }

  /** The adapter is connected to its platform (or not any more). */
  connected(name: string, up = true): void {
    const e = this.entry(name);
    if (up && !e.connected) e.since = this.now().toISOString();
    e.connected = up;
  }

  /** An event arrived from the platform. */
  event(name: string): void {
    this.entry(name).lastEvent = this.now().toISOString();
  }

  /** Something failed (an event, a delivery, the connection); the text is masked before it is kept. */
  error(name: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.entry(name).lastError = { at: this.now().toISOString(), message: safeErrorText(message) };
  }

  /** Every adapter seen, by name. */
  list(): AdapterHealth[] {
    return [...this.adapters.values()].map((e) => ({ ...e })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Forgets everything (tests). */
  clear(): void {
    this.adapters.clear();
  }
}

/** The process's registry. */
export const adapterHealth = new HealthRegistry();
