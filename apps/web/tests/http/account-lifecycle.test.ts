import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureReason, raw, typedClient, withTokens } from "./support/client";
import { type RealServicesApp, startRealServicesApp } from "./support/real-services";

const password = "correct horse battery staple";
const CRON_SECRET = "cron-secret-cron-secret-cron-secret-0123";

/** Password reset, sessions, email change, deletion and the purge route, over HTTP on real services. */
describe("account lifecycle on real PostgreSQL, Redis and Resend", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp({ CRON_SECRET });
  });
  afterAll(() => real?.stop());

  async function activeAccount(email: string) {
    const client = typedClient(real.app.url);
    await client.auth.signup.mutate({ email, password });
    const link = await real.linkFor(email, /\/activate\/[A-Za-z0-9_-]{32}/);
    const key = link.split("/").pop() ?? "";
    return client.auth.activate.mutate({ key, password });
  }

  it("resets a password once, ending every session", async () => {
    const email = `reset.${Date.now()}@example.com`;
    const { tokens } = await activeAccount(email);
    const client = typedClient(real.app.url);
    expect(await client.auth.requestPasswordReset.mutate({ email })).toEqual({ status: "sent" });
    const key =
      (await real.linkFor(email, /\/reset-password\/[A-Za-z0-9_-]{32}/)).split("/").pop() ?? "";

    const attempts = await Promise.allSettled([
      client.auth.resetPassword.mutate({ key, password: "first new password" }),
      client.auth.resetPassword.mutate({ key, password: "second new password" }),
    ]);
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    expect(await failureReason(client.auth.refresh.mutate({ refresh: tokens.refresh }))).toBe(
      "SESSION_REVOKED",
    );
    await real.linkFor(email, /\/forgot-password/);
  });

  it("lists, revokes and logs out sessions; changes the password keeping this session", async () => {
    const email = `sessions.${Date.now()}@example.com`;
    const first = await activeAccount(email);
    const second = withTokens(
      await typedClient(real.app.url).auth.login.mutate({ email, password }),
    );
    let access = first.tokens.access;
    const client = typedClient(real.app.url, () => access);

    const { sessions } = await client.auth.sessions.list.query();
    expect(sessions.map((s) => s.current).sort()).toEqual([false, true]);
    const other = sessions.find((s) => !s.current);
    await client.auth.sessions.revoke.mutate({ sessionId: other?.id ?? "" });
    expect(
      await failureReason(client.auth.sessions.revoke.mutate({ sessionId: other?.id ?? "" })),
    ).toBe("SESSION_NOT_FOUND");
    expect(
      await failureReason(client.auth.refresh.mutate({ refresh: second.tokens.refresh })),
    ).toBe("SESSION_REVOKED");

    const changed = await client.auth.changePassword.mutate({
      currentPassword: password,
      newPassword: "a brand new password",
    });
    access = changed.tokens.access;
    expect((await client.auth.me.query()).user.email).toBe(email);
    expect(await client.auth.logoutAll.mutate({ keepCurrent: false })).toEqual({
      status: "logged_out",
      revoked: 1,
    });
    expect(await failureReason(client.auth.me.query())).toBe("SESSION_REVOKED");
  });

  it("changes the address through the new inbox, then deletes the account", async () => {
    const email = `change.${Date.now()}@example.com`;
    const newEmail = `changed.${Date.now()}@example.com`;
    const { tokens } = await activeAccount(email);
    const client = typedClient(real.app.url, () => tokens.access);
    await client.auth.requestEmailChange.mutate({ newEmail, password });
    await real.linkFor(email, /\/forgot-password/);
    const key =
      (await real.linkFor(newEmail, /\/confirm-email\/[A-Za-z0-9_-]{32}/)).split("/").pop() ?? "";
    expect(await client.auth.confirmEmailChange.mutate({ key })).toEqual({
      status: "email_changed",
      email: newEmail,
    });

    const fresh = withTokens(
      await typedClient(real.app.url).auth.login.mutate({ email: newEmail, password }),
    );
    const signedIn = typedClient(real.app.url, () => fresh.tokens.access);
    expect(await signedIn.auth.deleteAccount.mutate({ password })).toEqual({ status: "deleted" });
    expect(await failureReason(signedIn.auth.me.query())).toBe("SESSION_REVOKED");
    expect(
      await failureReason(
        typedClient(real.app.url).auth.login.mutate({ email: newEmail, password }),
      ),
    ).toBe("INVALID_CREDENTIALS");
  });

  it("guards the purge route with CRON_SECRET", async () => {
    const refused = await raw(real.app.url, {
      path: "/api/cron/purge-unactivated",
      method: "POST",
    });
    expect(refused.status).toBe(401);
    const done = await raw(real.app.url, {
      path: "/api/cron/purge-unactivated",
      method: "POST",
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ purged: 0, auditEventsPurged: 0 });
  });
});
