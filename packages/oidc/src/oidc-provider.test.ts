import { once } from "node:events";
import { createServer } from "node:net";
import { ProviderRefused, ProviderUnavailable } from "@latch/auth/ports";
import { type FakeOidcProvider, startFakeOidcProvider } from "@latch/fake-oidc";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createIdentityProviders } from "./identity-providers";
import { authorize, newChecks, settings } from "./test-support";

let fake: FakeOidcProvider;
beforeAll(async () => {
  fake = await startFakeOidcProvider();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setDiscovery("normal");
  fake.signInAs({ sub: "person-1", email: " Person.One@Example.COM ", email_verified: true });
});

const acme = () =>
  createIdentityProviders([settings({ issuer: fake.url })], { timeoutMs: 1000 })[0]!;

/** Refused, and for the reason the test is about (not some other failure on the way). */
function refusedFor(reason: RegExp) {
  return (error: unknown) => {
    const detail = [error, (error as Error).cause, ((error as Error).cause as Error)?.cause]
      .map((step) =>
        step instanceof Error ? `${step.message} ${Object.values(step).join(" ")}` : "",
      )
      .join(" | ");
    if (!(error instanceof ProviderRefused) || !reason.test(detail))
      throw new Error(`not refused for ${reason}: ${detail}`);
    return true;
  };
}

async function signIn(provider = acme()) {
  const checks = newChecks();
  return provider.finish(await authorize(provider, checks), checks);
}

describe("a generic OpenID provider", () => {
  it("runs the code flow with PKCE, state and nonce and returns the validated profile", async () => {
    const provider = acme();
    const checks = newChecks();
    const url = await provider.authorizationUrl(checks);
    expect(url.origin).toBe(new URL(fake.url).origin);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "latch-client",
      response_type: "code",
      redirect_uri: checks.redirectUri,
      scope: "openid email profile",
      state: checks.state,
      nonce: checks.nonce,
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("code_challenge")).not.toBe(checks.codeVerifier);

    const profile = await provider.finish(await authorize(provider, checks), checks);
    expect(profile).toEqual({
      issuer: fake.url,
      subject: "person-1",
      email: "person.one@example.com",
      emailVerified: true,
    });
    expect(provider).toMatchObject({ id: "acme", name: "Acme ID", trustEmail: false });
  });

  it("refuses a callback whose state is not the one it sent", async () => {
    const provider = acme();
    const checks = newChecks();
    const callback = await authorize(provider, checks);
    callback.searchParams.set("state", "someone-elses-state");
    await expect(provider.finish(callback, checks)).rejects.toSatisfy(
      refusedFor(/"state" response parameter/),
    );
  });

  it("refuses a replayed callback: a code is redeemed once", async () => {
    const provider = acme();
    const checks = newChecks();
    const callback = await authorize(provider, checks);
    await provider.finish(callback, checks);
    await expect(provider.finish(callback, checks)).rejects.toSatisfy(
      refusedFor(/code_challenge required/),
    );
  });

  it("refuses a callback redeemed with another PKCE verifier", async () => {
    const provider = acme();
    const checks = newChecks();
    const callback = await authorize(provider, checks);
    await expect(
      provider.finish(callback, { ...checks, codeVerifier: newChecks().codeVerifier }),
    ).rejects.toSatisfy(refusedFor(/does not match code_challenge/));
  });

  it("refuses an ID token issued for another client", async () => {
    fake.tamperNextIdToken((claims) => {
      claims.aud = "another-client";
    });
    await expect(signIn()).rejects.toSatisfy(refusedFor(/"aud"/));
  });

  it("refuses an ID token from another issuer", async () => {
    fake.tamperNextIdToken((claims) => {
      claims.iss = "https://evil.example";
    });
    await expect(signIn()).rejects.toSatisfy(refusedFor(/"iss"/));
  });

  it("refuses an ID token without a nonce", async () => {
    fake.tamperNextIdToken((claims) => {
      delete claims.nonce;
    });
    await expect(signIn()).rejects.toSatisfy(refusedFor(/"nonce" \(nonce\) claim missing/));
  });

  it("refuses an ID token with another round trip's nonce", async () => {
    fake.tamperNextIdToken((claims) => {
      claims.nonce = "a-nonce-from-another-login";
    });
    await expect(signIn()).rejects.toSatisfy(refusedFor(/"nonce" claim value/));
  });

  it("refuses an expired ID token", async () => {
    fake.tamperNextIdToken((claims) => {
      const now = Math.floor(Date.now() / 1000);
      claims.iat = now - 7200;
      claims.exp = now - 3600;
    });
    await expect(signIn()).rejects.toSatisfy(refusedFor(/"exp"/));
  });

  it("refuses an ID token whose signature does not verify", async () => {
    fake.breakNextSignature();
    await expect(signIn()).rejects.toSatisfy(refusedFor(/signature verification failed/));
  });

  it("refuses a userinfo answer about another subject than the ID token's", async () => {
    fake.tamperNextUserinfo((body) => {
      body.sub = "person-2";
    });
    await expect(signIn()).rejects.toSatisfy(refusedFor(/"sub" property/));
  });

  it("refuses a callback carrying the provider's error (the person declined)", async () => {
    const provider = acme();
    const checks = newChecks();
    const callback = new URL(checks.redirectUri);
    callback.searchParams.set("error", "access_denied");
    callback.searchParams.set("state", checks.state);
    await expect(provider.finish(callback, checks)).rejects.toSatisfy(refusedFor(/access_denied/));
  });

  it.each([
    ["the string true", "true"],
    ["the string false", "false"],
    ["false", false],
    ["missing", undefined],
    ["the number 1", 1],
  ])("counts an address as unverified when email_verified is %s", async (_, value) => {
    fake.signInAs({ sub: "person-1", email: "person.one@example.com", email_verified: value });
    expect(await signIn()).toMatchObject({ email: "person.one@example.com", emailVerified: false });
  });

  it("reads address and verification from userinfo as a pair when it has an address", async () => {
    fake.signInAs({ sub: "person-1" });
    fake.tamperNextUserinfo((body) => {
      body.email = "Info@Example.com";
      body.email_verified = true;
    });
    expect(await signIn()).toMatchObject({ email: "info@example.com", emailVerified: true });
  });

  it("reports no address when the provider gave none or one Latch cannot store", async () => {
    fake.signInAs({ sub: "person-1", email: "not an address", email_verified: true });
    expect(await signIn()).toMatchObject({ email: null, emailVerified: false });
  });
});

describe("an unreachable provider", () => {
  it("is unavailable, within the deadline, when discovery hangs", async () => {
    fake.setDiscovery("hang");
    const started = Date.now();
    await expect(acme().authorizationUrl(newChecks())).rejects.toBeInstanceOf(ProviderUnavailable);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("is unavailable when discovery fails or nothing listens", async () => {
    fake.setDiscovery("error");
    await expect(acme().authorizationUrl(newChecks())).rejects.toBeInstanceOf(ProviderUnavailable);
    const [nobody] = createIdentityProviders([settings({ issuer: await closedPort() })], {
      timeoutMs: 1000,
    });
    await expect(nobody!.authorizationUrl(newChecks())).rejects.toBeInstanceOf(ProviderUnavailable);
  });

  it("refetches discovery after a failure, but not more than once per interval", async () => {
    let now = 1_000_000;
    const [provider] = createIdentityProviders([settings({ issuer: fake.url })], {
      timeoutMs: 1000,
      retryAfterMs: 10_000,
      now: () => now,
    });
    fake.setDiscovery("error");
    const before = fake.discoveryRequests();
    await expect(provider!.authorizationUrl(newChecks())).rejects.toBeInstanceOf(
      ProviderUnavailable,
    );
    fake.setDiscovery("normal");
    now += 5_000;
    await expect(provider!.authorizationUrl(newChecks())).rejects.toBeInstanceOf(
      ProviderUnavailable,
    );
    expect(fake.discoveryRequests()).toBe(before + 1);
    now += 5_000;
    await provider!.authorizationUrl(newChecks());
    await provider!.authorizationUrl(newChecks());
    expect(fake.discoveryRequests()).toBe(before + 2);
  });

  it("refuses a document that names another issuer than the configured one", async () => {
    const other = await startFakeOidcProvider({ discoveryIssuer: () => "https://evil.example" });
    try {
      const [provider] = createIdentityProviders([settings({ issuer: other.url })], {
        timeoutMs: 1000,
      });
      await expect(provider!.authorizationUrl(newChecks())).rejects.toBeInstanceOf(
        ProviderUnavailable,
      );
    } finally {
      await other.close();
    }
  });
});

/** A loopback URL nothing listens on (the connection is refused at once). */
async function closedPort(): Promise<string> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return `http://127.0.0.1:${port}`;
}
