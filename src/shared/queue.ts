/**
 * Runs tasks one after the other per key (a person in a conversation, a room),
 * and tasks of different keys side by side. A failed task does not stop the
 * next one of its key; its rejection goes to its own caller.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` once every earlier task of `key` has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => {}).then(task);
    this.tails.set(key, current);
    void current
      .catch(() => {})
      .finally(() => {
        if (this.tails.get(key) === current) this.tails.delete(key);
      });
    return current;
  }

  /** Keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }

  /** Resolves once every task queued so far (and any queued meanwhile) has settled. */
  async settled(): Promise<void> {
    while (this.tails.size) await Promise.allSettled([...this.tails.values()]);
  }
}

/**
 * At most `limit` tasks at once, the others waiting their turn in order: a
 * burst of messages waits before its turns start, rather than inside them
 * (where the wait would count against each store call's time limit).
 */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `task` once fewer than `limit` tasks are running. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      // the slot passes straight to the next task in line, or is given back
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
