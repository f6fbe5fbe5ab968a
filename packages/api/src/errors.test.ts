import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AuthError, authErrorReasons } from "@latch/auth";
import { catalogues, locales, translatorFor } from "@latch/i18n";
import { signupInput } from "@latch/validators";
import type { inferRouterError } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { type TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  describeError,
  type LatchErrorReason,
  reasonToCode,
  toTRPCError,
  transportReasonStatus,
} from "./errors";

import type { AppRouter } from "./root";

const wrapped = (cause: unknown, code: TRPCError["code"] = "INTERNAL_SERVER_ERROR") =>
  new TRPCError({ code, cause });

describe("the README's closed list of reasons", () => {
  const readme = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8");
  it.each([...authErrorReasons, ...Object.keys(transportReasonStatus)])(
    "names %s, so a client can rely on the list",
    (reason) => {
      expect(readme).toContain(`\`${reason}\``);
    },
  );
});

describe("error mapping", () => {
  it.each(authErrorReasons)("maps %s to a 4xx (or 503 for mail) with its reason", (reason) => {
    const error = toTRPCError(wrapped(new AuthError(reason)));
    const status = getHTTPStatusCodeFromError(error);
    expect(status === 503 || (status >= 400 && status < 500)).toBe(true);
    expect(error.code).toBe(reasonToCode[reason]);
    expect(describeError(error).data.reason).toBe(reason);
  });

  it("recognizes an AuthError made by a second copy of the module (as bundlers produce)", () => {
    const foreign = Object.assign(new Error("The access token is not valid."), {
      name: "AuthError",
      reason: "ACCESS_TOKEN_INVALID",
    });
    expect(getHTTPStatusCodeFromError(toTRPCError(wrapped(foreign)))).toBe(401);
  });

  it("never lets an internal message through", () => {
    const described = describeError(
      wrapped(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2")),
    );
    expect(described.data.reason).toBe("INTERNAL_ERROR");
    expect(described.message).not.toMatch(/ECONNREFUSED|hunter2/);
  });

  it("gives per-field messages for invalid input", () => {
    const parsed = z
      .object({ email: z.email(), password: z.string().min(8) })
      .safeParse({ email: "x", password: "y" });
    const described = describeError(wrapped(parsed.error, "BAD_REQUEST"));
    expect(described.data.reason).toBe("INVALID_INPUT");
    expect(Object.keys(described.data.fieldErrors ?? {}).sort()).toEqual(["email", "password"]);
  });

  it("calls a JSON syntax error a malformed request without echoing the parser", () => {
    let syntaxError: unknown;
    try {
      JSON.parse("{oops");
    } catch (error) {
      syntaxError = error;
    }
    const described = describeError(wrapped(syntaxError, "BAD_REQUEST"));
    expect(described).toEqual({
      message: catalogues.en.errors.MALFORMED_REQUEST,
      data: { reason: "MALFORMED_REQUEST" },
    });
  });

  // What tRPC raises by itself, before or around a procedure: a client can provoke each.
  it.each([
    ["PARSE_ERROR", "MALFORMED_REQUEST"],
    ["BAD_REQUEST", "MALFORMED_REQUEST"],
    ["NOT_FOUND", "PROCEDURE_NOT_FOUND"],
    ["METHOD_NOT_SUPPORTED", "METHOD_NOT_SUPPORTED"],
    ["PAYLOAD_TOO_LARGE", "PAYLOAD_TOO_LARGE"],
    ["UNSUPPORTED_MEDIA_TYPE", "UNSUPPORTED_MEDIA_TYPE"],
    ["INTERNAL_SERVER_ERROR", "INTERNAL_ERROR"],
  ] as const)("calls tRPC's own %s %s, with the status the README gives it", (code, reason) => {
    const error = new TRPCError({ code, message: "framework words" });
    expect(describeError(error).data.reason).toBe(reason);
    expect(getHTTPStatusCodeFromError(error)).toBe(transportReasonStatus[reason]);
  });

  it("answers any other code without a domain cause as an internal error, saying nothing", () => {
    const known = new Set(["PARSE_ERROR", "BAD_REQUEST", "NOT_FOUND", "METHOD_NOT_SUPPORTED"]);
    const others = (Object.keys(TRPC_ERROR_CODES_BY_KEY) as TRPC_ERROR_CODE_KEY[]).filter(
      (code) => !known.has(code) && !["PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"].includes(code),
    );
    expect(others).toContain("CONFLICT");
    for (const code of others) {
      const described = describeError(new TRPCError({ code, message: "a leaked detail" }));
      expect(described, code).toEqual({
        message: expect.not.stringContaining("leaked"),
        data: { reason: "INTERNAL_ERROR" },
      });
    }
  });
});

describe("messages in the caller's language", () => {
  it.each(locales)(
    "words every reason in %s from its catalogue, the reason unchanged",
    (locale) => {
      for (const reason of authErrorReasons) {
        if (reason === "RATE_LIMITED") continue;
        const described = describeError(wrapped(new AuthError(reason)), locale);
        expect(described.data.reason).toBe(reason);
        expect(described.message, reason).toBe(catalogues[locale].errors[reason]);
      }
    },
  );

  it.each(locales)("words field errors in %s, keyed by the same field names", (locale) => {
    const parsed = signupInput.safeParse({ email: "not an address", password: "short" });
    const described = describeError(wrapped(parsed.error, "BAD_REQUEST"), locale);
    const t = translatorFor(locale);
    expect(described.data).toEqual({
      reason: "INVALID_INPUT",
      fieldErrors: {
        email: [t("validation.emailInvalid")],
        password: [t("validation.passwordTooShort", { min: 8 })],
      },
    });
    expect(described.message).toBe(catalogues[locale].errors.INVALID_INPUT);
  });

  it("words a field error a domain refusal gives (a too common password) like its message", () => {
    const refusal = new AuthError("PASSWORD_TOO_COMMON", { field: "password" });
    const described = describeError(wrapped(refusal), "ja");
    expect(described.data.fieldErrors).toEqual({
      password: [catalogues.ja.errors.PASSWORD_TOO_COMMON],
    });
  });

  it("says how many minutes to wait, rounded up and formatted for the language", () => {
    const limited = (seconds: number) =>
      wrapped(new AuthError("RATE_LIMITED", { retryAfterSeconds: seconds }));
    expect(describeError(limited(61), "en").message).toBe(
      translatorFor("en")("errors.RATE_LIMITED", { minutes: 2 }),
    );
    expect(describeError(limited(30), "en").message).toContain("1 minute.");
    expect(describeError(limited(3600), "de").message).toBe(
      translatorFor("de")("errors.RATE_LIMITED", { minutes: 60 }),
    );
    expect(describeError(limited(3600), "de").data.retryAfterSeconds).toBe(3600);
  });

  it("falls back to a generic text, in the language, for a zod message that is not a catalogue key", () => {
    const parsed = z.object({ reason: z.string().min(3) }).safeParse({ reason: "x" });
    const described = describeError(wrapped(parsed.error, "BAD_REQUEST"), "fr");
    expect(described.data.fieldErrors).toEqual({ reason: [catalogues.fr.validation.tooShort] });
  });
});

describe("the reason type a client sees", () => {
  it("is LatchErrorReason, end to end through the router's error shape", () => {
    type ClientReason = inferRouterError<AppRouter>["data"]["reason"];
    expectTypeOf<ClientReason>().toEqualTypeOf<LatchErrorReason>();
    expectTypeOf<"NOT_A_REASON">().not.toExtend<ClientReason>();
  });
});
