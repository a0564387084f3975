/** Token buckets: per socket for messages, per address for failed joins. */

export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Counts events per key in a sliding minute; forgets keys that fall quiet. */
export class PerMinute {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly limit: number) {}

  /** True while the key is under its limit for the last minute. */
  allowed(key: string, now = Date.now()): boolean {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < 60_000);
    if (list.length === 0) this.hits.delete(key);
    else this.hits.set(key, list);
    return list.length < this.limit;
  }

  record(key: string, now = Date.now()): void {
    const list = this.hits.get(key) ?? [];
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 10_000) {
      for (const [k, v] of this.hits) if (v.every((t) => now - t >= 60_000)) this.hits.delete(k);
    }
  }
}
