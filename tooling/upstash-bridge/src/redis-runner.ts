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
  /** Settles (never rejects) once the first connection attempt has succeeded or failed. */
  firstAttempt: Promise<void>;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  redisUrl: string;
  connectionName: string;
  /** A command Redis has not answered by then fails with 503 (a frozen or unreachable Redis). */
  commandTimeoutMs: number;
  /** Told when Redis comes and goes, once per change. */
  log: (line: string) => void;
}

/** ioredis options shared by the command connection and every subscriber connection. */
export function baseRedisOptions(connectionName: string, commandTimeoutMs: number) {
  return {
    // Upstash answers in RESP2 shapes (doubles as strings, maps as flat
    // arrays); ioredis 6 would otherwise negotiate RESP3.
    protocol: 2,
    connectionName,
    lazyConnect: true,
    // While Redis is down a request must fail at once with 503, not wait in a
    // queue for a Redis that may never come back.
    enableOfflineQueue: false,
    // A command in flight when the connection drops fails instead of being
    // replayed later (it may already have run once).
    maxRetriesPerRequest: 0,
    connectTimeout: commandTimeoutMs,
    commandTimeout: commandTimeoutMs,
  } as const;
}

/**
 * The one command connection. It never gives up: after Redis restarts it
 * reconnects by itself (every 100 ms at first, then every second), and until
 * then every request is answered 503.
 */
export function connectRedis(options: RedisConnectionOptions): RedisRunner {
  const where = redact(options.redisUrl);
  const redis = new Redis(options.redisUrl, {
    ...baseRedisOptions(options.connectionName, options.commandTimeoutMs),
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  let lastProblem = "not connected yet";
  let up = false;
  // Without an error listener ioredis prints every reconnection attempt.
  redis.on("error", (error: Error) => {
    lastProblem = error.message || error.name;
  });
  redis.on("ready", () => {
    up = true;
    // What a later close is reported as, unless an error says more.
    lastProblem = "the connection to Redis closed";
    options.log(`connected to Redis at ${where}`);
  });
  redis.on("close", () => {
    if (up) options.log(`lost Redis at ${where} (${lastProblem}); reconnecting`);
    up = false;
  });
  const firstAttempt = new Promise<void>((resolve) => {
    redis.connect().then(
      () => resolve(),
      () => {
        options.log(
          `cannot reach Redis at ${where} (${lastProblem}); answering 503 until it is up`,
        );
        resolve();
      },
    );
  });

  const requireReady = () => {
    if (redis.status !== "ready") {
      throw new RedisUnavailableError(`Redis at ${where} is unavailable (${lastProblem})`);
    }
  };

  const scripts = createScriptTranslator();
  const call = async (command: RedisCommand, base64: boolean): Promise<CommandOutcome> => {
    const refusal = refusalOf(command);
    if (refusal) return refusal;
    requireReady();
    const [name, ...args] = scripts.translate(command);
    try {
      // Buffers, not strings: replies are base64-encoded from the exact bytes.
      return { result: encodeReply(await redis.callBuffer(name, ...args), base64) };
    } catch (error) {
      return outcomeOf(error);
    }
  };

  return {
    firstAttempt,
    run: call,

    // Issued back to back on one connection, so Redis runs them in order.
    pipeline: (commands, base64) => Promise.all(commands.map((command) => call(command, base64))),

    async transaction(commands, base64) {
      for (const command of commands) {
        const refusal = refusalOf(command);
        if (refusal) return refusal;
      }
      requireReady();
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
      if (redis.status !== "ready") {
        redis.disconnect();
        return;
      }
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
