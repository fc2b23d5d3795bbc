/**
 * Per-person flood guard for platform adapters: a token bucket, and one polite
 * notice per flood (not one per dropped message).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; warned: boolean }>();

  constructor(
    private readonly burst = 8,
    private readonly perMinute = 20,
    private readonly now: () => number = Date.now,
  ) {}

  /** `ok`: handle it; `notice`: drop it and say so once; `drop`: drop it silently. */
  check(key: string): 'ok' | 'notice' | 'drop' {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t, warned: false };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 60000) * this.perMinute);
    b.at = t;
    this.buckets.set(key, b);
    if (this.buckets.size > 10000) this.prune(t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      if (b.tokens >= 1) b.warned = false;
      return 'ok';
    }
    if (b.warned) return 'drop';
    b.warned = true;
    return 'notice';
  }

  private prune(t: number): void {
    for (const [k, b] of this.buckets) if (t - b.at > 10 * 60000) this.buckets.delete(k);
  }
}

export const RATE_LIMIT_NOTICE = 'Vous m’envoyez beaucoup de messages d’un coup : je fais une courte pause. Réessayez dans une minute.';
