import type { KeyStore } from "@latch/auth/ports";
import type { Redis } from "@upstash/redis";
import { assertTtlSeconds } from "./ttl";

export interface UpstashKeyStoreOptions {
  /**
   * Must be constructed with `automaticDeserialization: false`. With the
   * default, the client JSON-parses every reply, so a stored "123" comes back
   * as the number 123 and '{"a":1}' as an object. The store refuses such
   * replies loudly, but cannot detect every case: '"x"' would quietly come
   * back as 'x'.
   */
  redis: Redis;
  /** Prepended to every key, so several apps or test runs can share one database. */
  prefix?: string;
}

/**
 * The key store on Upstash Redis. Each method is exactly one HTTP request
 * (callers count key-store calls as round trips): single commands, GETDEL for
 * the atomic take, and one MULTI/EXEC for the counter. With the client's
 * auto-pipelining (on by default), calls made in the same tick may even share
 * a request; none ever needs two.
 */
export function createUpstashKeyStore(options: UpstashKeyStoreOptions): KeyStore {
  const { redis } = options;
  const prefix = options.prefix ?? "";

  return {
    async get(key) {
      return storedString(await redis.get<unknown>(prefix + key));
    },

    async getMany(keys) {
      if (keys.length === 0) return [];
      const replies = await redis.mget<unknown[]>(...keys.map((key) => prefix + key));
      return replies.map(storedString);
    },

    async set(key, value, ttlSeconds) {
      assertTtlSeconds(ttlSeconds);
      await redis.set(prefix + key, value, { ex: ttlSeconds });
    },

    async getAndDelete(key) {
      return storedString(await redis.getdel<unknown>(prefix + key));
    },

    async delete(key) {
      await redis.del(prefix + key);
    },

    async increment(key, ttlSeconds) {
      assertTtlSeconds(ttlSeconds);
      const name = prefix + key;
      // EXPIRE ... NX (Redis 7+) only sets a TTL on a key that has none, i.e.
      // the one INCR just created: a fixed window. Both run in one
      // transaction, so no counter can be left behind without a TTL.
      const [count] = await redis
        .multi()
        .incr(name)
        .expire(name, ttlSeconds, "NX")
        .exec<[unknown, unknown]>();
      if (typeof count !== "number" || !Number.isSafeInteger(count)) {
        throw new TypeError(`INCR on "${key}" returned ${String(count)} instead of a whole number`);
      }
      return count;
    },
  };
}

function storedString(reply: unknown): string | null {
  if (reply === null || typeof reply === "string") return reply;
  throw new TypeError(
    "The Upstash client returned a parsed value instead of the stored string; " +
      "construct it with `automaticDeserialization: false`.",
  );
}
