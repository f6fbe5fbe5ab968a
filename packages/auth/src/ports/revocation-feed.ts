/** What a server knows about a session from its own memory, without any I/O. */
type FeedAnswer = "revoked" | "not_revoked" | "unsure";

/** "catching_up": connected (or started) but not vouching yet; "down": no subscription. */
type FeedState = "live" | "catching_up" | "down";

/**
 * Tells every server which sessions ended, so an access token can be checked
 * in process. The feed is "live" only while it can vouch that it has heard
 * every revocation: subscribed, reloaded from the durable list since the last
 * (re)connect, and heard its own probe recently. Otherwise it answers
 * "unsure", and the caller checks per request; it never guesses "not revoked".
 */
export interface RevocationFeed {
  lookup(sessionId: string, now: Date): FeedAnswer;
  state(): FeedState;
  /**
   * Records the sessions durably until `until` (their tokens' last expiry) and
   * tells every server. This server refuses them from the call on, even when
   * telling the others fails: the worker's retries rely on it.
   */
  announce(sessionIds: string[], until: Date): Promise<void>;
}
