import { Redis } from "ioredis";
import { createScriptTranslator } from "./lua-scripts";
import { type CommandOutcome, encodeReply, type RedisCommand } from "./protocol";

/**
 * Commands refused because every HTTP request shares one Redis connection:
 * these would block it, change its state (database, subscriptions, an open
 * MULTI) for everyone else, or close it.
 */
const REFUSED = new Set([
  "auth",
  "blmove",
  "blmpop",
  "blpop",
  "brpop",
  "brpoplpush",
  "bzmpop",
  "bzpopmax",
  "bzpopmin",
  "client",
  "discard",
  "exec",
  "hello",
  "monitor",
  "multi",
  "psubscribe",
  "punsubscribe",
  "quit",
  "reset",
  "select",
  "ssubscribe",
  "subscribe",
  "sunsubscribe",
  "unsubscribe",
  "unwatch",
  "wait",
  "waitaof",
  "watch",
]);

/** Stream reads block only when asked to. */
const REFUSED_WITH_BLOCK = new Set(["xread", "xreadgroup"]);

/** Redis could not be reached or answered out of protocol: a bridge problem, not the caller's. */
export class RedisUnavailableError extends Error {
  override readonly name = "RedisUnavailableError";
}

export interface RedisRunner {
  /** One command; a Redis error comes back as `{ error }`. */
  run(command: RedisCommand, base64: boolean): Promise<CommandOutcome>;
  /** In order, not atomic (as Upstash pipelines); each command gets its own outcome. */
  pipeline(commands: RedisCommand[], base64: boolean): Promise<CommandOutcome[]>;
  /** MULTI/EXEC; a command Redis refuses to queue aborts all of them (`{ error }`). */
  transaction(
    commands: RedisCommand[],
    base64: boolean,
  ): Promise<CommandOutcome[] | { error: string }>;
  close(): Promise<void>;
}

export async function connectRedis(redisUrl: string, connectionName: string): Promise<RedisRunner> {
  const redis = new Redis(redisUrl, {
    // Upstash answers in RESP2 shapes (doubles as strings, maps as flat
    // arrays); ioredis 6 would otherwise negotiate RESP3.
    protocol: 2,
    connectionName,
    lazyConnect: true,
    // Fail a request at once while Redis is down instead of holding the HTTP
    // call open; ioredis keeps reconnecting in the background.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  // Failures reach callers as 503 replies; without a listener ioredis would
  // print every reconnection attempt.
  redis.on("error", () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new RedisUnavailableError(
      `cannot reach Redis at ${redact(redisUrl)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const scripts = createScriptTranslator();
  const call = async (command: RedisCommand, base64: boolean): Promise<CommandOutcome> => {
    const refusal = refusalOf(command);
    if (refusal) return refusal;
    const [name, ...args] = scripts.translate(command);
    try {
      // Buffers, not strings: replies are base64-encoded from the exact bytes.
      return { result: encodeReply(await redis.callBuffer(name, ...args), base64) };
    } catch (error) {
      return outcomeOf(error);
    }
  };

  return {
    run: call,

    // Issued back to back on one connection, so Redis runs them in order.
    pipeline: (commands, base64) => Promise.all(commands.map((command) => call(command, base64))),

    async transaction(commands, base64) {
      for (const command of commands) {
        const refusal = refusalOf(command);
        if (refusal) return refusal;
      }
      const multi = redis.multi();
      for (const command of commands) {
        const [name, ...args] = scripts.translate(command);
        multi.callBuffer(name, ...args);
      }
      let replies: [Error | null, unknown][] | null;
      try {
        replies = await multi.exec();
      } catch (error) {
        return { error: withQueueErrors(outcomeOf(error).error, error) };
      }
      if (replies === null) throw new RedisUnavailableError("EXEC returned no replies");
      return replies.map(([error, reply]) =>
        error ? outcomeOf(error) : { result: encodeReply(reply, base64) },
      );
    },

    async close() {
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}

function refusalOf([name, ...args]: RedisCommand): { error: string } | null {
  const lower = name.toLowerCase();
  const blocks = REFUSED_WITH_BLOCK.has(lower) && args.some((arg) => arg.toLowerCase() === "block");
  if (!REFUSED.has(lower) && !blocks) return null;
  return {
    error: `ERR '${lower}${blocks ? " ... BLOCK" : ""}' is not supported by the Upstash bridge`,
  };
}

/** A Redis error reply becomes `{ error }`; anything else means Redis is unusable. */
function outcomeOf(error: unknown): { error: string } {
  if (error instanceof Error && error.name === "ReplyError") return { error: error.message };
  throw new RedisUnavailableError(
    `Redis is unavailable: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** EXECABORT alone says nothing; name the command Redis refused to queue. */
function withQueueErrors(message: string, error: unknown): string {
  const previous =
    error && typeof error === "object" && "previousErrors" in error ? error.previousErrors : null;
  const first = Array.isArray(previous) ? previous[0] : undefined;
  return first instanceof Error ? `${message} First error: ${first.message}` : message;
}

/** Keeps a password in a redis:// URL out of error messages and logs. */
export function redact(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(unparseable URL)";
  }
}
