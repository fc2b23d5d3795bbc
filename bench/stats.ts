/** Order statistics of a list of timings, in milliseconds. */
export function summarize(times: number[]): { median: number; p95: number; p99: number } {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(s.length * q))] : NaN);
  return { median: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** A progress bar on stderr, redrawn in place; silent when stderr is not a terminal. */
export class Progress {
  private last = '';
  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  /** Shows `label` with the share done (0 to 1). */
  update(label: string, done: number): void {
    const width = 24;
    const full = Math.round(Math.min(1, Math.max(0, done)) * width);
    const line = `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(Math.round(done * 100)).padStart(3)} % ${label}`;
    if (line === this.last) return;
    this.last = line;
    if (this.out.isTTY)
      this.out.write(`\r${line.slice(0, (this.out.columns || 100) - 1).padEnd(Math.min(this.last.length, (this.out.columns || 100) - 1))}`);
  }

  /** Prints a line that stays (a finished step), under the bar. */
  note(line: string): void {
    if (this.out.isTTY) this.out.write(`\r\x1b[K${line}\n`);
    else this.out.write(`${line}\n`);
  }

  done(): void {
    if (this.out.isTTY) this.out.write('\r\x1b[K');
  }
}
