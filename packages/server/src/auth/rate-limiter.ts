/**
 * Counts failed attempts per key in a sliding window and refuses further attempts once the limit
 * is reached, until the oldest failure leaves the window. In memory: with several server instances
 * each applies its own limit, which still bounds guessing to instances × limit per window.
 */
export class FailureRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until an attempt is allowed again for this key, or 0 when it is allowed now. */
  retryAfterSeconds(key: string, nowMs: number): number {
    const times = this.prune(key, nowMs);
    if (times.length < this.limit) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.windowMs - nowMs) / 1000));
  }

  recordFailure(key: string, nowMs: number): void {
    const times = this.prune(key, nowMs);
    times.push(nowMs);
    this.failures.set(key, times);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private prune(key: string, nowMs: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }
}
