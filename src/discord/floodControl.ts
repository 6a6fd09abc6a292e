/**
 * Per-user flood control: a sliding window of at most `max` actions per `windowMs`. Pure with respect to time
 * (`now` is passed in); memory is bounded by pruning users whose window is empty.
 */
export class FloodGate {
  private hits = new Map<string, number[]>();
  private calls = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records an action; false when the user is over the limit (the action must be refused). */
  take(userId: string, now: number): boolean {
    if (++this.calls % 1000 === 0) this.prune(now);
    const since = now - this.windowMs;
    const list = (this.hits.get(userId) ?? []).filter((t) => t > since);
    if (list.length >= this.max) {
      this.hits.set(userId, list);
      return false;
    }
    list.push(now);
    this.hits.set(userId, list);
    return true;
  }

  /** Seconds until the user may act again. */
  retryAfterSeconds(userId: string, now: number): number {
    const oldest = (this.hits.get(userId) ?? [])[0];
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  private prune(now: number): void {
    for (const [user, list] of this.hits) if (list.every((t) => t <= now - this.windowMs)) this.hits.delete(user);
  }
}

export function floodMessage(seconds: number): string {
  return `Doucement ! Vous envoyez beaucoup de commandes : réessayez dans ${seconds} s.`;
}
