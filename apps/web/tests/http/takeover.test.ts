import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/client";
import {
  nthActivationKey,
  type RealServicesApp,
  startRealServicesApp,
} from "./support/real-services";

const victimPassword = "the owner's own passphrase";
const attackerPassword = "the attacker's passphrase";
const chosen = "chosen at the activation link";
const victimIp = "203.0.113.10";
const attackerIp = "198.51.100.66";

/**
 * Pre-account takeover: anyone can sign up any address, and the owner later
 * clicks a link in their own inbox. Whatever the order, the attacker's
 * password must be dead afterwards and the owner signed in with theirs.
 */
describe("no pre-account takeover, over HTTP on real services", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp({ TRUST_PROXY: "true" });
  });
  afterAll(() => real?.stop());

  const url = () => real.app.url;
  const signup = (email: string, password: string, ip: string) =>
    call(url(), "auth.signup", { input: { email, password }, ip });
  const login = (email: string, password: string) =>
    call(url(), "auth.login", { input: { email, password }, ip: victimIp });
  const activate = (input: Record<string, string>) =>
    call(url(), "auth.activate", { input, ip: victimIp });

  async function expectAttackerLockedOut(email: string, ownerPassword: string) {
    expect((await login(email, attackerPassword)).reason).toBe("INVALID_CREDENTIALS");
    expect((await login(email, ownerPassword)).status).toBe(200);
  }

  it("the attacker signs up after the owner: the owner's password does not open the newest link, a new one does", async () => {
    const email = `late-attacker.${Date.now()}@example.com`;
    expect((await signup(email, victimPassword, victimIp)).status).toBe(200);
    const first = await nthActivationKey(real, email, 1);
    expect((await signup(email, attackerPassword, attackerIp)).status).toBe(200);
    const newest = await nthActivationKey(real, email, 2);

    expect((await activate({ key: first, password: victimPassword })).reason).toBe(
      "ACTIVATION_KEY_INVALID",
    );
    const mismatch = await activate({ key: newest, password: victimPassword });
    expect(mismatch.status).toBe(400);
    expect(mismatch.reason).toBe("ACTIVATION_PASSWORD_MISMATCH");
    expect(mismatch.error?.data?.fieldErrors).toEqual({ password: [expect.any(String)] });
    // The link was not spent by the mismatch.
    const activated = await activate({ key: newest, newPassword: chosen });
    expect(activated.status).toBe(200);
    await expectAttackerLockedOut(email, chosen);
  });

  it("the attacker signs up first: the owner's password reset leads to activation, and the attacker's password dies", async () => {
    const email = `early-attacker.${Date.now()}@example.com`;
    await signup(email, attackerPassword, attackerIp);
    await nthActivationKey(real, email, 1);
    expect(
      (await call(url(), "auth.requestPasswordReset", { input: { email }, ip: victimIp })).status,
    ).toBe(200);
    const key = await nthActivationKey(real, email, 2);
    expect((await activate({ key, password: victimPassword })).reason).toBe(
      "ACTIVATION_PASSWORD_MISMATCH",
    );
    expect((await activate({ key, newPassword: victimPassword })).status).toBe(200);
    await expectAttackerLockedOut(email, victimPassword);
  });

  it("the attacker signs up first: resending the activation email leads to the same choice", async () => {
    const email = `resend-attacker.${Date.now()}@example.com`;
    await signup(email, attackerPassword, attackerIp);
    await nthActivationKey(real, email, 1);
    await call(url(), "auth.resendActivation", { input: { email }, ip: victimIp });
    const key = await nthActivationKey(real, email, 2);
    // The browser form of activation, with its cookies and Origin check.
    const response = await fetch(`${url()}/api/trpc/session.activate`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url(), "x-forwarded-for": victimIp },
      body: JSON.stringify({ key, newPassword: victimPassword }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().some((c) => /latch_access=/.test(c))).toBe(true);
    await expectAttackerLockedOut(email, victimPassword);
  });

  it("the owner who signed up alone activates with the password they chose", async () => {
    const email = `alone.${Date.now()}@example.com`;
    await signup(email, victimPassword, victimIp);
    const key = await nthActivationKey(real, email, 1);
    expect((await activate({ key })).reason).toBe("INVALID_INPUT");
    const common = await activate({ key, newPassword: "iloveyou" });
    expect(common.reason).toBe("PASSWORD_TOO_COMMON");
    expect(common.error?.data?.fieldErrors).toEqual({ newPassword: [expect.any(String)] });
    expect((await activate({ key, password: victimPassword })).status).toBe(200);
    expect((await activate({ key, password: victimPassword })).reason).toBe("ALREADY_ACTIVE");
  });

  it("allows five password tries per link, then answers 429 with Retry-After", async () => {
    const email = `guessed-link.${Date.now()}@example.com`;
    await signup(email, victimPassword, victimIp);
    const key = await nthActivationKey(real, email, 1);
    const tries = await Promise.all(
      Array.from({ length: 8 }, (_, i) => activate({ key, password: `guess number ${i}` })),
    );
    expect(tries.filter((t) => t.reason === "ACTIVATION_PASSWORD_MISMATCH")).toHaveLength(5);
    const refused = tries.filter((t) => t.status === 429);
    expect(refused).toHaveLength(3);
    expect(Number(refused[0]?.headers.get("retry-after"))).toBeGreaterThan(0);
    // Choosing a new password needs no guess: the link's holder can still do it.
    expect((await activate({ key, newPassword: chosen })).status).toBe(200);
  });
});
