import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { changePassword } from "../account/change-password";
import { requestPasswordReset, resetPassword } from "../account/password-reset";
import { signup } from "../account/signup";
import { AuthError } from "../errors";
import type { BreachedPasswords } from "../ports/breached-passwords";
import { authenticate } from "../sessions/authenticate";
import { login } from "../sessions/login";
import {
  createHarness,
  type Harness,
  meta,
  reasonOf,
  signedIn as withTokens,
} from "../test-harness";
import { screenNewPassword } from "./password-screen";

const email = "ann@example.com";
const password = "correct horse battery";

async function refusal(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

/** A breached-password port that answers from a list and records what it was asked. */
function breachedList(...breached: string[]): BreachedPasswords & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async isBreached(candidate) {
      asked.push(candidate);
      return breached.includes(candidate);
    },
  };
}

describe("screenNewPassword", () => {
  it.each(["password", "12345678", "qwertyuiop", "iloveyou", "password1"])(
    "refuses %j as too common, naming the field",
    async (common) => {
      const error = await refusal(screenNewPassword({}, common, "newPassword"));
      expect(error.reason).toBe("PASSWORD_TOO_COMMON");
      expect(error.field).toBe("newPassword");
    },
  );

  it("knows every one of the 10,000 most common passwords, and the whole list of 49,233", async () => {
    const list = dictionary["passwords-common"];
    expect(list).toHaveLength(49_233);
    const missed: string[] = [];
    for (const common of [...list.slice(0, 10_000), list.at(-1) ?? ""]) {
      const outcome = await screenNewPassword({}, common, "password").then(
        () => "accepted",
        (error: AuthError) => error.reason,
      );
      if (outcome !== "PASSWORD_TOO_COMMON") missed.push(common);
    }
    expect(missed).toEqual([]);
  });

  it("compares lower-cased and NFKC-normalized", async () => {
    for (const variant of ["PASSWORD1", "PassWord1", "ｐａｓｓｗｏｒｄ１"]) {
      expect((await refusal(screenNewPassword({}, variant, "password"))).reason).toBe(
        "PASSWORD_TOO_COMMON",
      );
    }
  });

  it("accepts an uncommon passphrase", async () => {
    await expect(screenNewPassword({}, password, "password")).resolves.toBeUndefined();
  });

  it("asks the breached-password check after the list, and only about uncommon passwords", async () => {
    const breached = breachedList("leaked but long enough");
    const deps = { breachedPasswords: breached };
    expect((await refusal(screenNewPassword(deps, "password1", "password"))).reason).toBe(
      "PASSWORD_TOO_COMMON",
    );
    expect(breached.asked).toEqual([]);

    const error = await refusal(screenNewPassword(deps, "leaked but long enough", "password"));
    expect(error).toMatchObject({ reason: "PASSWORD_BREACHED", field: "password" });
    await expect(screenNewPassword(deps, password, "password")).resolves.toBeUndefined();
    expect(breached.asked).toEqual(["leaked but long enough", password]);
  });

  it("passes on a failing check's SERVICE_UNAVAILABLE (fail closed)", async () => {
    const closed: BreachedPasswords = {
      isBreached: () => Promise.reject(new AuthError("SERVICE_UNAVAILABLE")),
    };
    const error = await refusal(screenNewPassword({ breachedPasswords: closed }, password, "x"));
    expect(error.reason).toBe("SERVICE_UNAVAILABLE");
  });
});

/** Active in the database directly: these tests are about passwords, not activation. */
async function signedIn(h: Harness) {
  await signup(h.deps, { email, password });
  await h.settle();
  const user = await h.deps.db.users.findByEmail(email);
  await h.deps.db.users.activate(user?.id ?? "", h.deps.clock.now());
  const { tokens } = withTokens(await login(h.deps, { email, password }, meta));
  return authenticate(h.deps, tokens.access);
}

describe("every flow that sets a password screens it first", () => {
  it("signup refuses a common password before creating an account or sending email", async () => {
    const h = await createHarness();
    const error = await refusal(signup(h.deps, { email, password: "iloveyou" }));
    expect(error).toMatchObject({ reason: "PASSWORD_TOO_COMMON", field: "password" });
    // Signup registers after answering: wait for that work before looking.
    await h.settle();
    expect(await h.deps.db.users.findByEmail(email)).toBeNull();
    expect(await h.emailsTo(email)).toEqual([]);
  });

  it("signup refuses a breached password when the check is plugged in", async () => {
    const h = await createHarness();
    h.deps.breachedPasswords = breachedList("leaked but long enough");
    const error = await refusal(signup(h.deps, { email, password: "leaked but long enough" }));
    expect(error).toMatchObject({ reason: "PASSWORD_BREACHED", field: "password" });
  });

  it("resetPassword refuses a common password and leaves the link usable", async () => {
    const h = await createHarness();
    await signedIn(h);
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const key = await h.latestKey(email, "reset-password");
    const error = await refusal(resetPassword(h.deps, { key, password: "password1" }));
    expect(error).toMatchObject({ reason: "PASSWORD_TOO_COMMON", field: "password" });
    expect(await resetPassword(h.deps, { key, password: "a much rarer password" })).toEqual({
      status: "password_reset",
    });
  });

  it("changePassword refuses a common new password on newPassword and changes nothing", async () => {
    const h = await createHarness();
    const caller = await signedIn(h);
    const error = await refusal(
      changePassword(h.deps, caller, { currentPassword: password, newPassword: "qwertyuiop" }),
    );
    expect(error).toMatchObject({ reason: "PASSWORD_TOO_COMMON", field: "newPassword" });
    expect(await reasonOf(login(h.deps, { email, password: "qwertyuiop" }, meta))).toBe(
      "INVALID_CREDENTIALS",
    );
    expect(withTokens(await login(h.deps, { email, password }, meta)).user.email).toBe(email);
  });
});
