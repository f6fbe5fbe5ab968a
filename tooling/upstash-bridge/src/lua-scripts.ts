import { createHash } from "node:crypto";
import type { RedisCommand } from "./protocol";

/**
 * Upstash accepts a script flag open-source Redis 7 does not know
 * (`#!lua flags=allow-key-locking`, which Upstash's own libraries such as
 * @upstash/ratelimit put on their scripts) and refuses the whole script over
 * it. The bridge drops such flags before Redis sees a script, and remembers
 * which hash the client knows the script by, so EVALSHA with the client's
 * hash still finds the edited script.
 */
const UPSTASH_ONLY_FLAGS = new Set(["allow-key-locking"]);
const SHEBANG = /^#!lua(?<rest>[^\n]*)\n/;

const sha1 = (text: string) => createHash("sha1").update(text, "utf8").digest("hex");

export function withoutUpstashOnlyFlags(script: string): string {
  const match = script.match(SHEBANG);
  if (!match?.groups) return script;
  const rest = match.groups.rest ?? "";
  const flags = rest.match(/flags=(\S*)/)?.[1];
  if (flags === undefined) return script;
  const kept = flags.split(",").filter((flag) => flag && !UPSTASH_ONLY_FLAGS.has(flag));
  const header = `#!lua${rest.replace(/\s*flags=\S*/, kept.length ? ` flags=${kept.join(",")}` : "")}\n`;
  return header + script.slice(match[0].length);
}

export interface ScriptTranslator {
  /** The command as Redis should get it: EVAL with an edited script, EVALSHA with its hash. */
  translate(command: RedisCommand): RedisCommand;
}

export function createScriptTranslator(): ScriptTranslator {
  /** The client's hash of a script -> the hash Redis knows the edited script by. */
  const hashes = new Map<string, string>();
  return {
    translate(command) {
      const [name, first, ...rest] = command;
      if (first === undefined) return command;
      const lower = name.toLowerCase();
      if (lower === "eval" || lower === "eval_ro") {
        const edited = withoutUpstashOnlyFlags(first);
        if (edited !== first) hashes.set(sha1(first), sha1(edited));
        return [name, edited, ...rest];
      }
      if (lower === "evalsha" || lower === "evalsha_ro") {
        return [name, hashes.get(first.toLowerCase()) ?? first, ...rest];
      }
      return command;
    },
  };
}
