import { REVOCATIONS_INTACT_MARKER, RecentRevocations } from "@latch/auth";
import type { RevocationFeed } from "@latch/auth/ports";
import type { Redis } from "@upstash/redis";

export interface UpstashRevocationFeedOptions {
  /** Constructed with `automaticDeserialization: false`, as for the key store. */
  redis: Redis;
  /** The key store's prefix: the feed reads the store's revocation marker. */
  prefix?: string;
  accessTtlSeconds: number;
  /** How often the feed publishes a probe it expects to hear back. */
  probeIntervalMs: number;
  /** The feed stops vouching once its newest probe heard back was sent longer ago than this. */
  maxLagMs: number;
  /** A subscription not confirmed and loaded within this is dropped and tried again. */
  connectTimeoutMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export interface UpstashRevocationFeed extends RevocationFeed {
  /** Subscribes, and keeps the subscription up until `close`. */
  start(): void;
  close(): Promise<void>;
}

interface Subscription {
  generation: number;
  unsubscribe: () => Promise<void>;
  startedAt: number;
  loaded: boolean;
  /** When the newest probe heard back was sent: every message published before it has arrived. */
  heardUpTo: number;
  probes: Map<string, number>;
}

interface Announcement {
  sessions?: unknown;
  until?: unknown;
  probe?: unknown;
}

/**
 * The revocation feed on Redis pub/sub, which @upstash/redis reads as
 * server-sent events. Each revocation is written to a sorted set (member:
 * session, score: when its last access token expires) and then published.
 *
 * Why it can vouch: a server subscribes first and only then loads the set, so
 * any revocation is either in what it loaded or published after it listened.
 * Redis delivers one connection's messages in order and drops none without
 * dropping the connection, so hearing back its own probe proves that every
 * message published before the probe has arrived. A stream that ends, errs,
 * or goes silent (no probe heard within `maxLagMs`) stops the feed vouching
 * at once, and the server checks per request until it has subscribed and
 * reloaded again. A key store that lost its state (no marker, or a young one)
 * cannot vouch for its set either, exactly as for the per-request marks.
 */
export function createUpstashRevocationFeed(
  options: UpstashRevocationFeedOptions,
): UpstashRevocationFeed {
  const { redis } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const prefix = options.prefix ?? "";
  const channel = `${prefix}session-revocations`;
  const list = `${prefix}sessions-revoked`;
  const marker = `${prefix}${REVOCATIONS_INTACT_MARKER}`;
  const ttlMs = options.accessTtlSeconds * 1000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  const recent = new RecentRevocations();
  let generation = 0;
  let current: Subscription | null = null;
  /** The marker's time plus one access lifetime; null while the marker is missing. */
  let vouchFrom: number | null = null;
  let wasLive = false;
  let timer: NodeJS.Timeout | undefined;

  const vouching = (at: number): boolean =>
    current?.loaded === true &&
    at - current.heardUpTo <= options.maxLagMs &&
    vouchFrom !== null &&
    at >= vouchFrom;

  const noteState = (at: number) => {
    const live = vouching(at);
    if (live !== wasLive) log(`[latch] revocation feed ${live ? "live" : "not live"}`);
    wasLive = live;
  };

  const readMarker = (value: unknown) => {
    const since = Number(value);
    vouchFrom = value !== null && Number.isSafeInteger(since) ? since + ttlMs : null;
  };

  const drop = (subscription: Subscription, why: string) => {
    if (current !== subscription) return;
    current = null;
    void subscription.unsubscribe().catch(() => undefined);
    if (wasLive) log(`[latch] revocation feed not live: ${why}`);
    wasLive = false;
  };

  const load = async (subscription: Subscription) => {
    const at = now();
    const pipeline = redis.pipeline();
    pipeline.zremrangebyscore(list, "-inf", at);
    pipeline.zrange(list, at, "+inf", { byScore: true, withScores: true });
    pipeline.get(marker);
    const [, entries, markerValue] = await pipeline.exec<[unknown, unknown[], unknown]>();
    if (current !== subscription) return;
    for (let i = 0; i + 1 < entries.length; i += 2) {
      recent.add(String(entries[i]), Number(entries[i + 1]));
    }
    readMarker(markerValue);
    subscription.loaded = true;
    noteState(now());
  };

  const receive = (subscription: Subscription, raw: unknown) => {
    let message: Announcement;
    try {
      message = JSON.parse(String(raw)) as Announcement;
    } catch {
      return;
    }
    if (Array.isArray(message.sessions) && typeof message.until === "number") {
      for (const id of message.sessions) recent.add(String(id), message.until);
    }
    if (typeof message.probe === "string") {
      const sentAt = subscription.probes.get(message.probe);
      if (sentAt !== undefined) {
        subscription.probes.delete(message.probe);
        subscription.heardUpTo = Math.max(subscription.heardUpTo, sentAt);
      }
    }
  };

  const connect = () => {
    const subscriber = redis.subscribe<string>([channel]);
    const subscription: Subscription = {
      generation: ++generation,
      unsubscribe: () => subscriber.unsubscribe(),
      startedAt: now(),
      loaded: false,
      heardUpTo: 0,
      probes: new Map(),
    };
    current = subscription;
    subscriber.on("subscribe", () => {
      if (current !== subscription) return;
      // Confirmed by Redis: from here on every publish reaches this stream.
      subscription.heardUpTo = now();
      load(subscription).catch((error: unknown) =>
        drop(subscription, `reload failed (${error instanceof Error ? error.name : "error"})`),
      );
    });
    subscriber.on("message", ({ message }) => receive(subscription, message));
    subscriber.on("unsubscribe", () => drop(subscription, "the stream ended"));
    subscriber.on("error", (error) => drop(subscription, `stream error (${error.name})`));
  };

  const tick = () => {
    const at = now();
    const subscription = current;
    if (!subscription) {
      connect();
      return;
    }
    if (!subscription.loaded) {
      if (at - subscription.startedAt > connectTimeoutMs) drop(subscription, "no subscription");
      return;
    }
    if (at - subscription.heardUpTo > options.maxLagMs) {
      drop(subscription, `no probe heard for ${at - subscription.heardUpTo} ms`);
      return;
    }
    for (const [nonce, sentAt] of subscription.probes) {
      if (at - sentAt > options.maxLagMs) subscription.probes.delete(nonce);
    }
    const nonce = `${subscription.generation}-${at}-${Math.random().toString(36).slice(2)}`;
    subscription.probes.set(nonce, at);
    redis.publish(channel, JSON.stringify({ probe: nonce })).catch(() => undefined);
    // A store that lost its marker cannot vouch until the per-request check has set a new
    // one and it has aged an access lifetime; the marker is read again until then.
    if (vouchFrom === null || at < vouchFrom) {
      redis
        .get(marker)
        .then(readMarker)
        .catch(() => undefined);
    }
    noteState(at);
  };

  return {
    lookup(sessionId, at) {
      const ms = at.getTime();
      if (recent.has(sessionId, ms)) return "revoked";
      return vouching(ms) ? "not_revoked" : "unsure";
    },

    async announce(sessionIds, until) {
      const untilMs = until.getTime();
      for (const id of sessionIds) recent.add(id, untilMs);
      // Durable first, then told: a server that loads the set after this misses nothing.
      const pipeline = redis.pipeline();
      pipeline.zremrangebyscore(list, "-inf", now());
      const [first, ...rest] = sessionIds.map((member) => ({ score: untilMs, member }));
      if (first) pipeline.zadd(list, first, ...rest);
      pipeline.publish(channel, JSON.stringify({ sessions: sessionIds, until: untilMs }));
      await pipeline.exec();
    },

    start() {
      if (timer) return;
      connect();
      timer = setInterval(tick, options.probeIntervalMs);
      timer.unref();
    },

    state() {
      if (!current) return "down";
      return vouching(now()) ? "live" : "catching_up";
    },

    async close() {
      clearInterval(timer);
      timer = undefined;
      const subscription = current;
      current = null;
      await subscription?.unsubscribe().catch(() => undefined);
    },
  };
}
