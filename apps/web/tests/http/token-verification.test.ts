import { createAccessTokenVerifier, LatchTokenError } from "@latch/verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/client";
import {
  nthActivationKey,
  type RealServicesApp,
  startRealServicesApp,
} from "./support/real-services";

const password = "correct horse battery staple";

/** @latch/verify against the production build: what another service of the deployment sees. */
describe("verifying Latch's access tokens from another service", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp({ TRUST_PROXY: "true" });
  });
  afterAll(() => real?.stop());

  it("accepts a live session's token offline and online; after logout only online refuses it", async () => {
    const url = real.app.url;
    const email = `verify.${Date.now()}@example.com`;
    await call(url, "auth.signup", { input: { email, password } });
    const key = await nthActivationKey(real, email, 1);
    const activated = await call(url, "auth.activate", { input: { key, password } });
    const { access, refresh } = (activated.data as { tokens: { access: string; refresh: string } })
      .tokens;

    const offline = createAccessTokenVerifier({ issuer: url });
    const online = createAccessTokenVerifier({ issuer: url, revocation: "ask-latch" });
    expect((await offline.verify(access)).email).toBe(email);
    expect((await online.verify(access)).email).toBe(email);
    await expect(offline.verify(refresh)).rejects.toThrow(LatchTokenError);

    expect(
      (await call(url, "auth.logout", { input: { refresh }, accessToken: access })).status,
    ).toBe(200);
    // Offline, a signature cannot know about the logout: the token lives until it expires.
    expect((await offline.verify(access)).email).toBe(email);
    await expect(online.verify(access)).rejects.toMatchObject({ reason: "SESSION_REVOKED" });
  });
});
