import pino, { type Logger } from "pino";
import type { Env } from "./env";

export type { Logger };

/**
 * Structured JSON logs on stdout. Latch never passes a password, token, key or
 * secret to a log call; the redaction list is the second line of defence,
 * for a field that slips into a logged object by mistake.
 */
export function createLogger(env: Pick<Env, "LOG_LEVEL">): Logger {
  return pino({
    level: env.LOG_LEVEL,
    base: { service: "latch" },
    redact: {
      paths: [
        "password",
        "newPassword",
        "currentPassword",
        "passwordHash",
        "token",
        "access",
        "refresh",
        "key",
        "code",
        "secret",
        "authorization",
        "cookie",
        "*.password",
        "*.newPassword",
        "*.currentPassword",
        "*.passwordHash",
        "*.token",
        "*.access",
        "*.refresh",
        "*.key",
        // A login code, wherever a request or a notice might carry it; not "*.code", which is
        // also an error's code (ECONNREFUSED) that an operator needs.
        "input.code",
        "notice.code",
        "*.secret",
        "*.authorization",
        "*.cookie",
      ],
      censor: "[redacted]",
    },
  });
}

/**
 * What of an unexpected error goes to the log: its kind and first line, not
 * its whole message (a driver's message can quote the statement's values).
 */
export function errorSummary(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: (error.message.split("\n")[0] ?? "").slice(0, 200),
    ...(typeof code === "string" ? { code } : {}),
  };
}
