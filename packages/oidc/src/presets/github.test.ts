import { ProviderRefused, ProviderUnavailable } from "@latch/auth/ports";
import { type FakeGitHub, type FakeGitHubUser, startFakeGitHub } from "@latch/fake-oidc";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createIdentityProviders } from "../identity-providers";
import { authorize, newChecks, settings } from "../test-support";

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ clientId: "gh-client", clientSecret: "gh-secret" });
});
afterAll(() => fake.close());
beforeEach(() => fake.setApi("normal"));

const github = () =>
  createIdentityProviders(
    [
      settings({
        id: "github",
        name: "GitHub",
        issuer: fake.url,
        apiUrl: fake.apiUrl,
        clientId: "gh-client",
        clientSecret: "gh-secret",
        scopes: "read:user user:email",
      }),
    ],
    { timeoutMs: 1000 },
  )[0]!;

const user = (emails: FakeGitHubUser["emails"]): FakeGitHubUser => ({
  id: 583231,
  login: "octocat",
  email: "public@example.com",
  emails,
});

async function signIn(person: FakeGitHubUser) {
  fake.signInAs(person);
  const provider = github();
  const checks = newChecks("github");
  return provider.finish(await authorize(provider, checks), checks);
}

describe("the GitHub preset", () => {
  it("runs the OAuth code flow with PKCE and state and reads the numeric id and primary verified address", async () => {
    const provider = github();
    const checks = newChecks("github");
    const url = await provider.authorizationUrl(checks);
    expect(url.pathname).toBe("/login/oauth/authorize");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("state")).toBe(checks.state);
    expect(url.searchParams.get("scope")).toBe("read:user user:email");
    fake.signInAs(
      user([
        { email: "Old@Example.com", primary: false, verified: true },
        { email: "Octo@Example.com", primary: true, verified: true },
      ]),
    );
    expect(await provider.finish(await authorize(provider, checks), checks)).toEqual({
      issuer: fake.url,
      subject: "583231",
      email: "octo@example.com",
      emailVerified: true,
    });
  });

  it("reports an unverified primary address as unverified", async () => {
    expect(
      await signIn(user([{ email: "octo@example.com", primary: true, verified: false }])),
    ).toMatchObject({
      email: "octo@example.com",
      emailVerified: false,
    });
  });

  it("does not count a verified address that is not the primary one", async () => {
    const profile = await signIn(
      user([
        { email: "primary@example.com", primary: true, verified: false },
        { email: "other@example.com", primary: false, verified: true },
      ]),
    );
    expect(profile).toMatchObject({ email: "primary@example.com", emailVerified: false });
  });

  it("reports no address when there is no primary one", async () => {
    const profile = await signIn(
      user([{ email: "other@example.com", primary: false, verified: true }]),
    );
    expect(profile).toMatchObject({ email: null, emailVerified: false });
  });

  it("refuses a callback whose state is not the one it sent", async () => {
    const provider = github();
    const checks = newChecks("github");
    const callback = await authorize(provider, checks);
    callback.searchParams.set("state", "forged");
    await expect(provider.finish(callback, checks)).rejects.toBeInstanceOf(ProviderRefused);
  });

  it("refuses a replayed callback: GitHub's code is redeemed once", async () => {
    const provider = github();
    const checks = newChecks("github");
    const callback = await authorize(provider, checks);
    await provider.finish(callback, checks);
    // GitHub answers a spent code with status 200 and an error body: no access token.
    const replay = await provider.finish(callback, checks).catch((error: Error) => error);
    expect(replay).toBeInstanceOf(ProviderRefused);
    expect(String((replay as Error).cause && ((replay as Error).cause as Error).cause)).toMatch(
      /access_token/,
    );
  });

  it("refuses a callback carrying GitHub's error (the person declined)", async () => {
    const provider = github();
    const checks = newChecks("github");
    const callback = new URL(checks.redirectUri);
    callback.searchParams.set("error", "access_denied");
    callback.searchParams.set("state", checks.state);
    await expect(provider.finish(callback, checks)).rejects.toBeInstanceOf(ProviderRefused);
  });

  it.each([
    ["fails", "error"],
    ["does not answer in time", "hang"],
  ] as const)("is unavailable when GitHub's API %s", async (_, mode) => {
    const provider = github();
    const checks = newChecks("github");
    const callback = await authorize(provider, checks);
    fake.setApi(mode);
    const started = Date.now();
    await expect(provider.finish(callback, checks)).rejects.toBeInstanceOf(ProviderUnavailable);
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
