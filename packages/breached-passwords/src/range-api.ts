import { createHash } from "node:crypto";
import { AuthError, type BreachedPasswords, OUTAGE_RETRY_AFTER_SECONDS } from "@latch/auth";

export interface RangeApiOptions {
  /** Base URL; ranges are at `${url}/range/<prefix>` (Have I Been Pwned: https://api.pwnedpasswords.com). */
  url: string;
  /**
   * What a check that got no usable answer means: "open" accepts the password
   * (and logs), "closed" refuses the request with SERVICE_UNAVAILABLE.
   */
  onError: "open" | "closed";
  /** Deadline for the whole request, body included. */
  timeoutMs: number;
  log?: (event: string, detail: Record<string, string>) => void;
}

/** A range line: the 35 hex digits after the prefix, then how often the hash was seen. */
const LINE = /^([0-9A-F]{35}):(\d+)$/i;

class Unanswered extends Error {
  override readonly name = "Unanswered";
}

/**
 * The k-anonymity range protocol of Have I Been Pwned's Pwned Passwords: only
 * the first 5 hex digits of the password's SHA-1 leave the server, and the
 * API answers every suffix it knows under that prefix. `Add-Padding: true`
 * asks for count-0 decoy lines so the response size gives nothing away;
 * those lines are not breaches.
 */
export function createRangeApiCheck(options: RangeApiOptions): BreachedPasswords {
  const base = options.url.replace(/\/+$/, "");
  return {
    async isBreached(password) {
      const hash = createHash("sha1").update(password, "utf8").digest("hex").toUpperCase();
      let lines: string[];
      try {
        lines = await fetchRange(`${base}/range/${hash.slice(0, 5)}`, options.timeoutMs);
      } catch (error) {
        return unanswered(options, error);
      }
      const suffix = hash.slice(5);
      return lines.some((line) => {
        const [, candidate, count] = line.match(LINE) ?? [];
        return candidate?.toUpperCase() === suffix && Number(count) > 0;
      });
    },
  };
}

async function fetchRange(url: string, timeoutMs: number): Promise<string[]> {
  const response = await fetch(url, {
    headers: { "add-padding": "true", "user-agent": "Latch breached-password check" },
    // The signal covers reading the body too: a server that stalls mid-answer also hits the deadline.
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Unanswered(`HTTP ${response.status}`);
  }
  const lines = (await response.text()).split("\n").map((line) => line.trim());
  // A 200 that is not a range (a captive portal, a misrouted proxy) must not read as "not breached".
  if (!lines.every((line) => line === "" || LINE.test(line))) {
    throw new Unanswered("the answer is not a range");
  }
  return lines;
}

function unanswered(options: RangeApiOptions, error: unknown): false {
  const reason =
    error instanceof Unanswered
      ? error.message
      : error instanceof Error && error.name === "TimeoutError"
        ? `no answer within ${options.timeoutMs} ms`
        : "unreachable";
  // Never the password or its hash prefix: the log says only what went wrong.
  options.log?.("breached-password check failed", {
    reason,
    outcome: options.onError === "open" ? "password accepted (fail open)" : "refused (fail closed)",
  });
  if (options.onError === "closed") {
    throw new AuthError("SERVICE_UNAVAILABLE", {
      cause: error,
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
    });
  }
  return false;
}
