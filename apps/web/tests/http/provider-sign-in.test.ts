import { type FakeOidcProvider, startFakeOidcProvider } from "@latch/fake-oidc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/client";
import { type CookieBrowser, cookieBrowser, locationOf } from "./support/cookie-browser";
import { type RealServicesApp, startRealServicesApp } from "./support/real-services";

/**
 * Provider sign-in end to end over HTTP: the production build on real
 * services, a real OpenID provider on loopback (oauth2-mock-server), and a
 * cookie-keeping client that checks every hop. Each way to take an account
 * over through a provider is its own test.
 */
let provider: FakeOidcProvider;
/** A provider whose discovery document never answers. */
let downProvider: FakeOidcProvider;
let real: RealServicesApp;
const url = () => real.app.url;
const password = "correct horse battery staple";
let nextIp = 1;
const browser = () => cookieBrowser(url(), `198.51.100.${nextIp++}`);

beforeAll(async () => {
  provider = await startFakeOidcProvider();
  downProvider = await startFakeOidcProvider();
  downProvider.setDiscovery("hang");
  real = await startRealServicesApp({
    TRUST_PROXY: "true",
    OIDC_PROVIDERS: "acme,down",
    OIDC_DOWN_ISSUER: downProvider.url,
    OIDC_DOWN_CLIENT_ID: "latch-test-client",
    OIDC_DOWN_CLIENT_SECRET: "latch-test-client-secret",
    OIDC_DOWN_NAME: "Down ID",
    OIDC_ACME_ISSUER: provider.url,
    OIDC_ACME_CLIENT_ID: "latch-test-client",
    OIDC_ACME_CLIENT_SECRET: "latch-test-client-secret",
    OIDC_ACME_NAME: "Acme ID",
  });
}, 120_000);

afterAll(async () => {
  await real?.stop();
  await provider?.close();
  await downProvider?.close();
});

/** Start, the provider's authorize step, and the callback's answer (not followed). */
async function roundTrip(client: CookieBrowser, startQuery = "") {
  const start = await client.go(`/api/auth/oidc/acme/start${startQuery}`);
  const authorize = locationOf(start, url());
  expect(authorize.origin).toBe(new URL(provider.url).origin);
  const back = await client.go(authorize.toString());
  const callback = locationOf(back, authorize.toString());
  expect(callback.pathname).toBe("/api/auth/oidc/acme/callback");
  return { callback, answer: await client.go(callback.toString()) };
}

async function whoIs(client: CookieBrowser): Promise<string | null> {
  const response = await client.go("/api/trpc/session.current", {
    headers: { accept: "application/json" },
  });
  const body = (await response.json()) as { result: { data: { user: { email: string } | null } } };
  return body.result.data.user?.email ?? null;
}

async function activeAccount(email: string) {
  await call(url(), "auth.signup", { input: { email, password }, ip: "192.0.2.77" });
  const link = await real.linkFor(email, /\/activate\/[A-Za-z0-9_-]+/);
  const key = link.split("/").at(-1);
  const activated = await call(url(), "auth.activate", {
    input: { key, password },
    ip: "192.0.2.77",
  });
  expect(activated.status).toBe(200);
}

const refusedWith = (answer: Response) => locationOf(answer, url()).searchParams.get("error");

describe("signing in with a provider", () => {
  it("creates an account for a new verified address and signs it in, like a password login", async () => {
    provider.signInAs({ sub: "new-1", email: "New.Person@Example.com", email_verified: true });
    const client = browser();
    const { answer } = await roundTrip(client, "?returnTo=%2Faccount%3Ftab%3D1");
    expect(locationOf(answer, url()).toString()).toBe(`${url()}/account?tab=1`);
    expect(client.cookie("latch_access")).toBeTruthy();
    expect(client.cookie("latch_refresh")).toBeTruthy();
    expect(client.cookie("latch_oidc_state")).toBeUndefined();
    expect(await whoIs(client)).toBe("new.person@example.com");
    // A password login to that address fails like a wrong password: the account has none.
    const login = await call(url(), "auth.login", {
      input: { email: "new.person@example.com", password },
      ip: "192.0.2.10",
    });
    expect(login.reason).toBe("INVALID_CREDENTIALS");
  });

  it("signs the same subject in to the same account after the provider changed its address", async () => {
    provider.signInAs({ sub: "mover-1", email: "mover@example.com", email_verified: true });
    await roundTrip(browser());
    provider.signInAs({ sub: "mover-1", email: "moved@example.com", email_verified: false });
    const client = browser();
    await roundTrip(client);
    expect(await whoIs(client)).toBe("mover@example.com");
  });

  it("never follows a returnTo to another origin", async () => {
    provider.signInAs({ sub: "rt-1", email: "rt@example.com", email_verified: true });
    const { answer } = await roundTrip(browser(), "?returnTo=https%3A%2F%2Fevil.example%2F");
    expect(locationOf(answer, url()).toString()).toBe(`${url()}/account`);
  });
});

describe("taking an account over through a provider", () => {
  it.each([
    ['the string "false"', "false", "string-false"],
    ['the string "true"', "true", "string-true"],
    ["a missing claim", undefined, "missing"],
    ["the boolean false", false, "boolean-false"],
  ])(
    "an address verified by %s signs nobody in to the account that has it",
    async (_, verified, label) => {
      const email = `victim-${label}@example.com`;
      await activeAccount(email);
      provider.signInAs({ sub: `attacker-${label}`, email, email_verified: verified });
      const client = browser();
      const { answer } = await roundTrip(client);
      expect(refusedWith(answer)).toBe("PROVIDER_EMAIL_UNVERIFIED");
      expect(client.cookie("latch_access")).toBeUndefined();
      expect(client.cookie("latch_link")).toBeUndefined();
    },
  );

  it("an existing active account is never signed in without a login to it first", async () => {
    await activeAccount("owner@example.com");
    provider.signInAs({ sub: "owner-at-acme", email: "owner@example.com", email_verified: true });
    const client = browser();
    const { answer } = await roundTrip(client);
    const next = locationOf(answer, url());
    expect(next.pathname).toBe("/login");
    expect(next.searchParams.get("link")).toBe("Acme ID");
    expect(client.cookie("latch_access")).toBeUndefined();
    expect(client.cookie("latch_link")).toBeTruthy();

    // The owner logs in once in that browser: the identity is linked and the owner told.
    const login = await client.go("/api/trpc/session.login", {
      method: "POST",
      body: JSON.stringify({ email: "owner@example.com", password }),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    const body = (await login.json()) as { result: { data: { linkedProvider?: string } } };
    expect(body.result.data.linkedProvider).toBe("Acme ID");
    expect(client.cookie("latch_link")).toBeUndefined();
    await real.linkFor("owner@example.com", /Acme ID/);

    // From now on the provider signs straight in, in any browser.
    const later = browser();
    await roundTrip(later);
    expect(await whoIs(later)).toBe("owner@example.com");
  });

  it("a pending link is void when the browser logs in to another account", async () => {
    await activeAccount("target@example.com");
    await activeAccount("mallory@example.com");
    provider.signInAs({ sub: "target-at-acme", email: "target@example.com", email_verified: true });
    const client = browser();
    await roundTrip(client);
    const login = await client.go("/api/trpc/session.login", {
      method: "POST",
      body: JSON.stringify({ email: "mallory@example.com", password }),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    const body = (await login.json()) as { result: { data: { linkedProvider?: string } } };
    expect(body.result.data.linkedProvider).toBeUndefined();
    // Still not linked: the provider asks for the link step again.
    const again = await roundTrip(browser());
    expect(locationOf(again.answer, url()).searchParams.get("link")).toBe("Acme ID");
  });

  it("a never-activated account is activated and the squatter's password discarded", async () => {
    await call(url(), "auth.signup", {
      input: { email: "squatted@example.com", password: "the squatter's password" },
      ip: "192.0.2.66",
    });
    provider.signInAs({ sub: "real-owner", email: "squatted@example.com", email_verified: true });
    const client = browser();
    await roundTrip(client);
    expect(await whoIs(client)).toBe("squatted@example.com");
    const squatter = await call(url(), "auth.login", {
      input: { email: "squatted@example.com", password: "the squatter's password" },
      ip: "192.0.2.66",
    });
    expect(squatter.reason).toBe("INVALID_CREDENTIALS");
  });

  it("a callback whose state is not this browser's signs nobody in", async () => {
    provider.signInAs({ sub: "csrf-1", email: "csrf@example.com", email_verified: true });
    const attacker = browser();
    const start = await attacker.go("/api/auth/oidc/acme/start");
    const back = await attacker.go(locationOf(start, url()).toString());
    const callback = locationOf(back, url());
    // The victim's browser is made to open the attacker's callback URL: no state cookie.
    const victim = browser();
    const answer = await victim.go(callback.toString());
    expect(refusedWith(answer)).toBe("PROVIDER_SIGN_IN_INVALID");
    expect(victim.cookie("latch_access")).toBeUndefined();
    // And a state that differs from the cookie's is refused too.
    const tampered = new URL(callback);
    tampered.searchParams.set("state", "not-the-state");
    expect(refusedWith(await attacker.go(tampered.toString()))).toBe("PROVIDER_SIGN_IN_INVALID");
  });

  it("a replayed callback signs nobody in", async () => {
    provider.signInAs({ sub: "replay-1", email: "replay@example.com", email_verified: true });
    const client = browser();
    const start = await client.go("/api/auth/oidc/acme/start");
    const state = client.cookie("latch_oidc_state") as string;
    const back = await client.go(locationOf(start, url()).toString());
    const callback = locationOf(back, url());
    expect(locationOf(await client.go(callback.toString()), url()).pathname).toBe("/account");
    // The same callback again, with the state cookie put back as an attacker would.
    const replayer = cookieBrowser(url(), "198.51.100.250");
    await replayer.go("/api/auth/oidc/acme/start");
    const forged = await fetch(callback, {
      redirect: "manual",
      headers: { accept: "text/html", cookie: `latch_oidc_state=${state}` },
    });
    expect(refusedWith(forged)).toBe("PROVIDER_SIGN_IN_INVALID");
    expect(forged.headers.getSetCookie().some((c) => c.startsWith("latch_access=ey"))).toBe(false);
  });

  it.each([
    [
      "a userinfo subject other than the ID token's",
      () =>
        provider.tamperNextUserinfo((body) => {
          body.sub = "someone-else";
        }),
    ],
    [
      "an ID token without a nonce",
      () =>
        provider.tamperNextIdToken((payload) => {
          delete payload.nonce;
        }),
    ],
    [
      "an ID token for another client",
      () =>
        provider.tamperNextIdToken((payload) => {
          payload.aud = "another-client";
        }),
    ],
    [
      "an ID token from another issuer",
      () =>
        provider.tamperNextIdToken((payload) => {
          payload.iss = "https://evil.example";
        }),
    ],
    [
      "an expired ID token",
      () =>
        provider.tamperNextIdToken((payload) => {
          payload.exp = Math.floor(Date.now() / 1000) - 3600;
        }),
    ],
    ["a forged signature", () => provider.breakNextSignature()],
  ])("%s signs nobody in", async (_, tamper) => {
    provider.signInAs({ sub: "tamper-1", email: "tamper@example.com", email_verified: true });
    tamper();
    const client = browser();
    const { answer } = await roundTrip(client);
    expect(refusedWith(answer)).toBe("PROVIDER_SIGN_IN_INVALID");
    expect(client.cookie("latch_access")).toBeUndefined();
  });
});

describe("connecting a provider to a signed-in account", () => {
  /** A browser logged in to a new account with a password (cookies from session.login). */
  async function loggedIn(email: string) {
    await activeAccount(email);
    const client = browser();
    const login = await client.go("/api/trpc/session.login", {
      method: "POST",
      body: JSON.stringify({ email, password }),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    expect(login.status).toBe(200);
    return client;
  }
  const grantOf = async (client: CookieBrowser, withPassword: string) => {
    const response = await client.go("/api/trpc/auth.identities.grantConnect", {
      method: "POST",
      body: JSON.stringify({ password: withPassword }),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    return (await response.json()) as {
      result?: { data: { grant: string } };
      error?: { data: { reason: string } };
    };
  };

  it("needs the password again: a session alone cannot plant its own provider", async () => {
    const client = await loggedIn("connector@example.com");
    provider.signInAs({ sub: "planted", email: "thief@example.com", email_verified: true });
    // No grant, a made-up one, and a wrong password: nothing starts.
    for (const query of ["?connect=1", "?connect=made-up-grant"]) {
      const start = await client.go(`/api/auth/oidc/acme/start${query}`);
      expect(refusedWith(start)).toBe("PROVIDER_SIGN_IN_INVALID");
    }
    expect((await grantOf(client, "not the password")).error?.data.reason).toBe(
      "INVALID_CREDENTIALS",
    );

    const grant = (await grantOf(client, password)).result?.data.grant ?? "";
    const { answer } = await roundTrip(
      client,
      `?connect=${encodeURIComponent(grant)}&returnTo=%2Faccount%3Fconnected%3D1`,
    );
    expect(locationOf(answer, url()).toString()).toBe(`${url()}/account?connected=1`);
    // The grant was single-use.
    const again = await client.go(`/api/auth/oidc/acme/start?connect=${encodeURIComponent(grant)}`);
    expect(refusedWith(again)).toBe("PROVIDER_SIGN_IN_INVALID");
  });

  it("refuses a grant given to another account", async () => {
    const owner = await loggedIn("grant-owner@example.com");
    const other = await loggedIn("grant-other@example.com");
    const grant = (await grantOf(owner, password)).result?.data.grant ?? "";
    const start = await other.go(`/api/auth/oidc/acme/start?connect=${encodeURIComponent(grant)}`);
    expect(refusedWith(start)).toBe("PROVIDER_SIGN_IN_INVALID");
  });
});

describe("a provider that does not answer", () => {
  it("answers 503 PROVIDER_UNAVAILABLE to a program and the login page to a person, within its deadline", async () => {
    const started = Date.now();
    const api = await fetch(`${url()}/api/auth/oidc/down/start`, {
      redirect: "manual",
      headers: { accept: "application/json", "x-forwarded-for": "198.51.100.200" },
    });
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBeTruthy();
    const body = (await api.json()) as { error: { data: { reason: string } } };
    expect(body.error.data.reason).toBe("PROVIDER_UNAVAILABLE");
    expect(Date.now() - started).toBeLessThan(15_000);

    const person = await browser().go("/api/auth/oidc/down/start");
    expect(refusedWith(person)).toBe("PROVIDER_UNAVAILABLE");
  });

  it("answers an unknown provider with 404 PROVIDER_NOT_FOUND, fetching nothing", async () => {
    const api = await fetch(`${url()}/api/auth/oidc/nobody/start`, {
      redirect: "manual",
      headers: { accept: "application/json", "x-forwarded-for": "198.51.100.201" },
    });
    expect(api.status).toBe(404);
    const body = (await api.json()) as { error: { data: { reason: string } } };
    expect(body.error.data.reason).toBe("PROVIDER_NOT_FOUND");
  });
});
