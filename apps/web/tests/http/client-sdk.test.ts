import { createLatchClient, type LatchClient, latchErrorReason } from "@latch/client";
import { latchQueryOptions } from "@latch/client/react";
import { QueryClient } from "@tanstack/react-query";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/client";
import { nthLoginEmail, type RealServicesApp, startRealServicesApp } from "./support/real-services";

const password = "correct horse battery staple";

/** @latch/client against the production build: what it stores, sends and refreshes. */
describe("@latch/client against a running Latch", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp({ ACCESS_TOKEN_TTL_SECONDS: "2" });
  });
  afterAll(() => real?.stop());

  /** A client signed in through signup and activation, and the calls it sent. */
  async function signedInClient(options: { refreshLeewaySeconds?: number } = {}) {
    const sent: string[] = [];
    const latch = createLatchClient({
      url: real.app.url,
      ...options,
      fetch: (input, init) => {
        sent.push(new URL(String(input)).pathname.replace("/api/trpc/", ""));
        return fetch(input, init);
      },
    });
    const email = `sdk.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
    await latch.api.auth.signup.mutate({ email, password });
    const link = await real.linkFor(email, /\/activate\/[A-Za-z0-9_-]{32}/);
    await latch.api.auth.activate.mutate({ key: link.split("/").pop() ?? "", password });
    return { latch, email, sent };
  }

  const storedRefresh = async (latch: LatchClient) => (await latch.storage.get())?.refresh;

  it("keeps the tokens an activation returns and sends the access token with signed-in calls", async () => {
    const { latch, email } = await signedInClient();
    expect(await latch.storage.get()).toMatchObject({ access: expect.any(String) });
    expect((await latch.api.auth.me.query()).user.email).toBe(email);
  });

  it("logs in by an emailed code with no bearer sent, and keeps the tokens it returns", async () => {
    const { email } = await signedInClient();
    const sent: { path: string; bearer: boolean }[] = [];
    const latch = createLatchClient({
      url: real.app.url,
      fetch: (input, init) => {
        const path = new URL(String(input)).pathname.replace("/api/trpc/", "");
        sent.push({ path, bearer: new Headers(init?.headers).has("authorization") });
        return fetch(input, init);
      },
    });
    // Signed in already (by password): the anonymous procedures must still go without a bearer.
    await latch.api.auth.login.mutate({ email, password });
    const before = await storedRefresh(latch);
    expect(before).toEqual(expect.any(String));
    expect(await latch.api.auth.passwordless.start.mutate({ email })).toEqual({ status: "sent" });
    const { code } = await nthLoginEmail(real, email, 1);
    await latch.api.auth.passwordless.verify.mutate({ email, code });
    expect(await storedRefresh(latch)).not.toBe(before);
    expect((await latch.api.auth.me.query()).user.email).toBe(email);
    expect(sent.filter((call) => call.path.startsWith("auth.passwordless."))).toEqual([
      { path: "auth.passwordless.start", bearer: false },
      { path: "auth.passwordless.verify", bearer: false },
    ]);
  });

  it("sends one refresh for 20 parallel calls whose access token is about to expire", async () => {
    // A leeway longer than the access lifetime: every stored access token counts as expiring.
    const { latch, email, sent } = await signedInClient({ refreshLeewaySeconds: 60 });
    const before = await storedRefresh(latch);
    sent.length = 0;

    const answers = await Promise.all(Array.from({ length: 20 }, () => latch.api.auth.me.query()));
    expect(answers.every((answer) => answer.user.email === email)).toBe(true);
    expect(sent.filter((path) => path === "auth.refresh")).toHaveLength(1);
    expect(sent.filter((path) => path.startsWith("auth.me"))).toHaveLength(20);
    expect(await storedRefresh(latch)).not.toBe(before);
  });

  it("refreshes and sends the call again when Latch finds the access token expired", async () => {
    const { latch, email, sent } = await signedInClient({ refreshLeewaySeconds: 0 });
    const stored = await latch.storage.get();
    if (!stored) throw new Error("not signed in");
    // A clock behind Latch's: the client believes the token has long to live.
    await latch.storage.set({
      ...stored,
      accessExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    sent.length = 0;

    expect((await latch.api.auth.me.query()).user.email).toBe(email);
    expect(sent).toEqual(["auth.me", "auth.refresh", "auth.me"]);
  });

  it("forgets the session once it ended elsewhere, and after its own logout", async () => {
    const first = await signedInClient({ refreshLeewaySeconds: 0 });
    const tokens = await first.latch.storage.get();
    // Sign out everywhere from another device of the same account.
    const other = await call(real.app.url, "auth.login", {
      input: { email: first.email, password },
    });
    const otherAccess = (other.data as { tokens: { access: string } }).tokens.access;
    await call(real.app.url, "auth.logoutAll", { input: {}, accessToken: otherAccess });

    const refused = await first.latch.api.auth.me.query().catch((error: unknown) => error);
    expect(latchErrorReason(refused)).toBe("SESSION_REVOKED");
    expect(await first.latch.storage.get()).toBeNull();
    expect(tokens).not.toBeNull();

    const second = await signedInClient();
    await second.latch.logout();
    expect(await second.latch.storage.get()).toBeNull();
    expect(await second.latch.accessToken()).toBeNull();
  });

  it("serves TanStack Query: query options that fetch through the same signed-in client", async () => {
    const { latch, email } = await signedInClient();
    const queryClient = new QueryClient();
    const trpc = latchQueryOptions(latch, queryClient);
    const me = await queryClient.fetchQuery(trpc.auth.me.queryOptions());
    expect(me.user.email).toBe(email);
    expect(queryClient.getQueryData(trpc.auth.me.queryKey())).toEqual(me);
  });
});
