import { Secret } from "otpauth";
import { describe, expect, it } from "vitest";
import { authenticate } from "../sessions/authenticate";
import { createHarness, type Harness, reasonOf } from "../test-harness";
import { beginTotpEnrolment, confirmTotpEnrolment } from "./enrol-totp";
import { secondFactorStatus } from "./manage-second-factor";
import { totpCodeAt } from "./totp";

const password = "correct horse battery";

async function signedInCaller(h: Harness) {
  const { tokens } = await h.activeUser();
  return authenticate(h.deps, tokens.access);
}

const codeOf = (h: Harness, secret: string, offsetSteps = 0) =>
  totpCodeAt(
    Secret.fromBase32(secret).bytes,
    new Date(h.deps.clock.now().getTime() + offsetSteps * 30_000),
  );

describe("TOTP enrolment", () => {
  it("asks for the password again before it shows a secret", async () => {
    const h = await createHarness();
    const caller = await signedInCaller(h);
    expect(
      await reasonOf(beginTotpEnrolment(h.deps, caller, { password: "not my password" })),
    ).toBe("INVALID_CREDENTIALS");
  });

  it("shows a 160-bit secret and its otpauth URI, and stays off until a code confirms it", async () => {
    const h = await createHarness();
    const caller = await signedInCaller(h);
    const { secret, otpauthUri } = await beginTotpEnrolment(h.deps, caller, { password });
    expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
    expect(otpauthUri).toBe(
      `otpauth://totp/Latch:ann%40example.com?issuer=Latch&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect((await secondFactorStatus(h.deps, caller)).enabled).toBe(false);
  });

  it("keeps the secret encrypted: the database holds neither it nor its bytes", async () => {
    const h = await createHarness();
    const caller = await signedInCaller(h);
    const { secret } = await beginTotpEnrolment(h.deps, caller, { password });
    const stored = await h.deps.db.secondFactors.findTotp(caller.userId);
    const bytes = Secret.fromBase32(secret).bytes;
    expect(stored?.encryptedSecret).not.toContain(secret);
    expect(stored?.encryptedSecret).not.toContain(Buffer.from(bytes).toString("base64url"));
    expect(stored?.encryptedSecret).not.toContain(Buffer.from(bytes).toString("hex"));
  });

  it("turns on with a code from the app, answers ten recovery codes once, and mails a notice", async () => {
    const h = await createHarness();
    const caller = await signedInCaller(h);
    const { secret } = await beginTotpEnrolment(h.deps, caller, { password });
    expect(await reasonOf(confirmTotpEnrolment(h.deps, caller, { code: "000000" }))).toBe(
      "SECOND_FACTOR_INVALID",
    );
    const { recoveryCodes } = await confirmTotpEnrolment(h.deps, caller, {
      code: codeOf(h, secret),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(await secondFactorStatus(h.deps, caller)).toEqual({
      enabled: true,
      methods: ["totp", "recovery_code"],
      enabledAt: h.deps.clock.now().toISOString(),
      recoveryCodesLeft: 10,
    });
    expect((await h.emailsTo("ann@example.com")).at(-1)).toMatchObject({
      kind: "second_factor_changed",
      change: { what: "enabled" },
      accountUrl: "https://latch.test/account",
    });
  });

  it("refuses to start over while a factor is on, and to confirm twice", async () => {
    const h = await createHarness();
    const caller = await signedInCaller(h);
    const { secret } = await beginTotpEnrolment(h.deps, caller, { password });
    await confirmTotpEnrolment(h.deps, caller, { code: codeOf(h, secret) });
    expect(await reasonOf(beginTotpEnrolment(h.deps, caller, { password }))).toBe(
      "SECOND_FACTOR_ALREADY_ENABLED",
    );
    h.advance(30);
    expect(await reasonOf(confirmTotpEnrolment(h.deps, caller, { code: codeOf(h, secret) }))).toBe(
      "SECOND_FACTOR_ALREADY_ENABLED",
    );
  });

  it("forgets the first secret when enrolment starts over", async () => {
    const h = await createHarness();
    const caller = await signedInCaller(h);
    const first = await beginTotpEnrolment(h.deps, caller, { password });
    const second = await beginTotpEnrolment(h.deps, caller, { password });
    expect(second.secret).not.toBe(first.secret);
    expect(
      await reasonOf(confirmTotpEnrolment(h.deps, caller, { code: codeOf(h, first.secret) })),
    ).toBe("SECOND_FACTOR_INVALID");
    await confirmTotpEnrolment(h.deps, caller, { code: codeOf(h, second.secret) });
  });

  it("checks at most ten of thirty parallel wrong passwords per account", async () => {
    const h = await createHarness();
    const caller = await signedInCaller(h);
    let verified = 0;
    const verify = h.deps.passwords.verify;
    h.deps.passwords.verify = (hash, value) => {
      verified++;
      return verify(hash, value);
    };
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        reasonOf(beginTotpEnrolment(h.deps, caller, { password: `guess number ${i}` })),
      ),
    );
    expect(verified).toBe(10);
    expect(results.filter((reason) => reason === "RATE_LIMITED")).toHaveLength(20);
    expect(await reasonOf(beginTotpEnrolment(h.deps, caller, { password }))).toBe("RATE_LIMITED");
  });

  it("limits wrong confirmation codes per account", async () => {
    const h = await createHarness();
    const caller = await signedInCaller(h);
    const { secret } = await beginTotpEnrolment(h.deps, caller, { password });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        reasonOf(confirmTotpEnrolment(h.deps, caller, { code: String(300000 + i) })),
      ),
    );
    expect(results.filter((reason) => reason === "SECOND_FACTOR_INVALID")).toHaveLength(10);
    expect(await reasonOf(confirmTotpEnrolment(h.deps, caller, { code: codeOf(h, secret) }))).toBe(
      "RATE_LIMITED",
    );
  });
});
