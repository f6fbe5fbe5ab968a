import { generateKeyPairSync } from "node:crypto";
import { type FakeOidcProvider, startFakeApple } from "@latch/fake-oidc";
import { decodeProtectedHeader, importSPKI, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdentityProviders } from "../identity-providers";
import { authorize, newChecks, settings } from "../test-support";

const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();

let fake: FakeOidcProvider;
beforeAll(async () => {
  fake = await startFakeApple();
});
afterAll(() => fake.close());

const apple = () =>
  createIdentityProviders(
    [
      settings({
        id: "apple",
        name: "Apple",
        issuer: fake.url,
        clientId: "com.example.latch",
        clientSecret: null,
        scopes: "openid email name",
        apple: { teamId: "TEAM123456", keyId: "KEY1234567", privateKey: pem },
      }),
    ],
    { timeoutMs: 1000 },
  )[0]!;

describe("the Apple preset", () => {
  it("asks for a form_post answer and signs in from the ID token, relay addresses included", async () => {
    fake.signInAs({
      sub: "001234.abcdef.1234",
      email: "x7k2@privaterelay.appleid.com",
      email_verified: true,
    });
    const provider = apple();
    const checks = newChecks("apple");
    const url = await provider.authorizationUrl(checks);
    expect(url.searchParams.get("response_mode")).toBe("form_post");
    expect(url.searchParams.get("scope")).toBe("openid email name");

    expect(await provider.finish(await authorize(provider, checks), checks)).toEqual({
      issuer: fake.url,
      subject: "001234.abcdef.1234",
      email: "x7k2@privaterelay.appleid.com",
      emailVerified: true,
    });
  });

  it("authenticates with a fresh ES256 client secret signed by the team's key", async () => {
    const provider = apple();
    const checks = newChecks("apple");
    await provider.finish(await authorize(provider, checks), checks);
    const secret = fake.lastTokenRequest()?.client_secret ?? "";
    expect(decodeProtectedHeader(secret)).toMatchObject({ alg: "ES256", kid: "KEY1234567" });
    const key = await importSPKI(
      publicKey.export({ type: "spki", format: "pem" }).toString(),
      "ES256",
    );
    const { payload } = await jwtVerify(secret, key, {
      issuer: "TEAM123456",
      subject: "com.example.latch",
      audience: new URL(fake.url).origin,
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(300);
  });

  it('counts Apple\'s string "true" as unverified, as for every provider', async () => {
    fake.signInAs({ sub: "001234.abcdef.1234", email: "ann@icloud.com", email_verified: "true" });
    const provider = apple();
    const checks = newChecks("apple");
    expect(await provider.finish(await authorize(provider, checks), checks)).toMatchObject({
      emailVerified: false,
    });
  });
});
