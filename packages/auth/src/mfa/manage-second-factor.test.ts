import { describe, expect, it } from "vitest";
import {
  generatePasskeyRegistrationOptions,
  verifyPasskeyRegistration,
} from "../passkeys/register-passkey";
import { login } from "../sessions/login";
import { createHarness, meta, reasonOf, signedIn } from "../test-harness";
import { createSoftwareAuthenticator } from "../testing";
import { completeLogin } from "./complete-login";
import {
  disableSecondFactor,
  regenerateRecoveryCodes,
  secondFactorStatus,
} from "./manage-second-factor";

const email = "ann@example.com";
const password = "correct horse battery";

describe("turning the second factor off", () => {
  it("needs the password and a current code, then mails a notice and logins need the password only", async () => {
    const h = await createHarness();
    const { caller, code } = await h.enrolledUser();
    h.advance(30);
    expect(
      await reasonOf(
        disableSecondFactor(h.deps, caller, { password: "wrong password", code: code() }),
      ),
    ).toBe("INVALID_CREDENTIALS");
    expect(await reasonOf(disableSecondFactor(h.deps, caller, { password, code: "000000" }))).toBe(
      "SECOND_FACTOR_INVALID",
    );
    expect(await disableSecondFactor(h.deps, caller, { password, code: code() })).toEqual({
      status: "disabled",
    });
    expect((await h.emailsTo(email)).at(-1)).toMatchObject({
      kind: "second_factor_changed",
      change: { what: "disabled" },
    });
    expect(await secondFactorStatus(h.deps, caller)).toMatchObject({
      enabled: false,
      recoveryCodesLeft: 0,
    });
    expect(signedIn(await login(h.deps, { email, password }, meta)).user.email).toBe(email);
  });

  it("takes a recovery code instead, for someone who lost the phone", async () => {
    const h = await createHarness();
    const { caller, recoveryCodes } = await h.enrolledUser();
    await disableSecondFactor(h.deps, caller, { password, code: recoveryCodes[0] ?? "" });
    expect((await secondFactorStatus(h.deps, caller)).enabled).toBe(false);
  });

  it("refuses when there is nothing to turn off", async () => {
    const h = await createHarness();
    const { caller, code } = await h.enrolledUser();
    h.advance(30);
    await disableSecondFactor(h.deps, caller, { password, code: code() });
    h.advance(30);
    expect(await reasonOf(disableSecondFactor(h.deps, caller, { password, code: code() }))).toBe(
      "SECOND_FACTOR_INVALID",
    );
  });
});

describe("regenerating recovery codes", () => {
  it("replaces every old code with ten new ones, shown once, and mails a notice", async () => {
    const h = await createHarness();
    const { caller, code, recoveryCodes: old } = await h.enrolledUser();
    h.advance(30);
    const { recoveryCodes } = await regenerateRecoveryCodes(h.deps, caller, {
      password,
      code: code(),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes).not.toContain(old[0]);
    expect((await h.emailsTo(email)).at(-1)).toMatchObject({
      change: { what: "recovery_codes_regenerated" },
    });
    const ticketOf = async () => {
      const result = await login(h.deps, { email, password }, meta);
      return "ticket" in result ? result.ticket : "";
    };
    expect(
      await reasonOf(
        completeLogin(h.deps, { ticket: await ticketOf(), recoveryCode: old[0] ?? "" }, meta),
      ),
    ).toBe("SECOND_FACTOR_INVALID");
    const fresh = await completeLogin(
      h.deps,
      { ticket: await ticketOf(), recoveryCode: recoveryCodes[0] ?? "" },
      meta,
    );
    expect(fresh.user.email).toBe(email);
  });

  it("needs the password and a current code", async () => {
    const h = await createHarness();
    const { caller, code } = await h.enrolledUser();
    h.advance(30);
    expect(
      await reasonOf(
        regenerateRecoveryCodes(h.deps, caller, { password: "wrong password", code: code() }),
      ),
    ).toBe("INVALID_CREDENTIALS");
    expect(
      await reasonOf(regenerateRecoveryCodes(h.deps, caller, { password, code: "123456" })),
    ).toBe("SECOND_FACTOR_INVALID");
  });
});

describe("deleting the account", () => {
  it("takes the second factor with it", async () => {
    const h = await createHarness();
    const { caller } = await h.enrolledUser();
    await h.deps.db.users.delete(caller.userId);
    expect(await h.deps.db.secondFactors.findTotp(caller.userId)).toBeNull();
  });
});

describe("the status of two-step login", () => {
  it("lists a passkey among the second step's methods once the account has one", async () => {
    const h = await createHarness();
    const { caller } = await h.enrolledUser();
    expect((await secondFactorStatus(h.deps, caller)).methods).toEqual(["totp", "recovery_code"]);
    const options = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
    const response = createSoftwareAuthenticator({ origin: "https://latch.test" }).register(
      options,
    );
    await verifyPasskeyRegistration(h.deps, caller, { name: "Laptop", response });
    expect((await secondFactorStatus(h.deps, caller)).methods).toEqual([
      "totp",
      "recovery_code",
      "passkey",
    ]);
  });
});

describe("second-factor changes in the audit trail", () => {
  it("records enabling, regenerating and disabling, each announced", async () => {
    const h = await createHarness();
    const webhooks = await h.webhookReceiver();
    const { caller, code, user } = await h.enrolledUser();
    h.advance(30);
    await regenerateRecoveryCodes(h.deps, caller, { password, code: code() }, meta);
    h.advance(30);
    await disableSecondFactor(h.deps, caller, { password, code: code() }, meta);
    const changes = (await h.events(user.id))
      .filter((event) => event.type === "second_factor.changed")
      .map((event) => event.detail.change);
    expect(changes).toEqual(["totp_enabled", "recovery_codes_regenerated", "totp_disabled"]);
    expect((await webhooks()).filter((type) => type === "second_factor.changed")).toHaveLength(3);
  });

  it("records nothing when turning it off fails to commit", async () => {
    const h = await createHarness();
    const { caller, code, user } = await h.enrolledUser();
    const before = await h.events(user.id);
    h.advance(30);
    h.failNextCommit();
    await reasonOf(disableSecondFactor(h.deps, caller, { password, code: code() }, meta));
    expect(await h.events(user.id)).toEqual(before);
  });
});
