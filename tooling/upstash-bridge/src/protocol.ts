/**
 * The Upstash REST wire format, free of I/O: what a request body may hold and
 * how Redis replies are written back as JSON. Shaped by what @upstash/redis
 * 1.39 sends and how its `decode` reads the answers.
 */

/** One Redis command as sent to Redis: its name, then its arguments. */
export type RedisCommand = [name: string, ...args: string[]];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A reply as JSON: strings, integers, null and arrays of those. */
export type JsonReply = string | number | null | JsonReply[];

export type CommandOutcome = { result: JsonReply } | { error: string };

/** A body for `POST /`: one command, e.g. `["set", "k", "v", "ex", 60]`. */
export function parseCommandBody(body: unknown): Parsed<RedisCommand> {
  return parseCommand(body, "the body");
}

/** A body for `POST /pipeline` or `POST /multi-exec`: a non-empty array of commands. */
export function parseBatchBody(body: unknown): Parsed<RedisCommand[]> {
  if (!Array.isArray(body) || body.length === 0) {
    return { ok: false, error: "ERR the body must be a non-empty JSON array of command arrays" };
  }
  const commands: RedisCommand[] = [];
  for (const [index, item] of body.entries()) {
    const parsed = parseCommand(item, `command ${index + 1}`);
    if (!parsed.ok) return parsed;
    commands.push(parsed.value);
  }
  return { ok: true, value: commands };
}

function parseCommand(value: unknown, where: string): Parsed<RedisCommand> {
  if (!Array.isArray(value) || value.length === 0) {
    return { ok: false, error: `ERR ${where} must be a non-empty JSON array like ["get", "key"]` };
  }
  const [name, ...rest] = value;
  if (typeof name !== "string" || name.trim() === "") {
    return { ok: false, error: `ERR ${where} must start with the command name as a string` };
  }
  const args: string[] = [];
  for (const arg of rest) {
    // The client sends strings and numbers (objects are JSON-stringified
    // before they leave it); Redis itself only knows byte strings.
    if (typeof arg === "string") args.push(arg);
    else if ((typeof arg === "number" && Number.isFinite(arg)) || typeof arg === "boolean") {
      args.push(String(arg));
    } else {
      return { ok: false, error: `ERR ${where} has an argument that is not a string or number` };
    }
  }
  return { ok: true, value: [name, ...args] };
}

/**
 * Writes one Redis reply (Buffers, integers, null, nested arrays) as JSON.
 *
 * With `Upstash-Encoding: base64` every string is sent base64-encoded, with
 * one exception the client's `decode` dictates: a top-level result "OK" is
 * passed through as is, as Upstash does for status replies. The client only
 * special-cases "OK" at the top level (of a reply, or of each pipeline entry);
 * inside an array it base64-decodes every string, and "OK" read as base64 is
 * the byte "8", so nested strings are always encoded. Encoding a stored value
 * "OK" the same way is harmless: the client turns the bare "OK" into "OK".
 */
export function encodeReply(reply: unknown, base64: boolean): JsonReply {
  return encode(reply, base64, true);
}

function encode(reply: unknown, base64: boolean, topLevel: boolean): JsonReply {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === "number") return reply;
  if (Array.isArray(reply)) return reply.map((item) => encode(item, base64, false));
  const bytes = Buffer.isBuffer(reply) ? reply : Buffer.from(textOf(reply), "utf8");
  if (!base64) return bytes.toString("utf8");
  if (topLevel && bytes.length === 2 && bytes.toString("latin1") === "OK") return "OK";
  return bytes.toString("base64");
}

function textOf(reply: unknown): string {
  // A Lua script can return an error nested in an array; show its message.
  if (reply instanceof Error) return reply.message;
  return String(reply);
}
