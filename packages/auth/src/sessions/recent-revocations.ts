/**
 * Sessions revoked within the last access-token lifetime, in process: what a
 * revocation feed holds. An entry leaves once every access token of its
 * session has expired, so the set stays as small as the recent revocations.
 */
export class RecentRevocations {
  private readonly until = new Map<string, number>();
  private nextSweepAt = 0;

  add(sessionId: string, untilMs: number) {
    const known = this.until.get(sessionId) ?? 0;
    if (untilMs > known) this.until.set(sessionId, untilMs);
  }

  has(sessionId: string, nowMs: number): boolean {
    this.sweep(nowMs);
    const until = this.until.get(sessionId);
    return until !== undefined && until > nowMs;
  }

  get size() {
    return this.until.size;
  }

  private sweep(nowMs: number) {
    if (nowMs < this.nextSweepAt) return;
    this.nextSweepAt = nowMs + 10_000;
    for (const [id, until] of this.until) if (until <= nowMs) this.until.delete(id);
  }
}
