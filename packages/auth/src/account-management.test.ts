import { describe, expect, it } from "vitest";
import { activate } from "./activate";
import { authenticate } from "./authenticate";
import { changePassword } from "./change-password";
import { deleteAccount } from "./delete-account";
import { confirmEmailChange, requestEmailChange } from "./email-change";
import { login } from "./login";
import { purgeUnactivatedAccounts } from "./purge";
import { refresh } from "./refresh";
import { listSessions, logoutAll, revokeSession } from "./session-management";
import { createHarness, type Harness, meta, reasonOf } from "./test-harness";

const password = "correct horse battery";

async function signedIn(h: Harness, email = "ann@example.com") {
  await h.signup({ email, password });
  const first = await activate(h.deps, { key: await h.latestActivationKey(email), password }, meta);
  const second = await login(
    h.deps,
    { email, password },
    { userAgent: "phone", ip: "198.51.100.23" },
  );
  return {
    first: { ...first, caller: await authenticate(h.deps, first.tokens.access) },
    second: { ...second, caller: await authenticate(h.deps, second.tokens.access) },
  };
}

describe("changePassword", () => {
  it("keeps this session on new tokens and ends every other one", async () => {
    const h = await createHarness();
    const { first, second } = await signedIn(h);
    const { tokens } = await changePassword(h.deps, first.caller, {
      currentPassword: password,
      newPassword: "a brand new password",
    });
    expect((await refresh(h.deps, { refresh: tokens.refresh })).tokens.access).toBeTruthy();
    expect(await reasonOf(refresh(h.deps, { refresh: second.tokens.refresh }))).toBe(
      "SESSION_REVOKED",
    );
    expect(await reasonOf(authenticate(h.deps, second.tokens.access))).toBe("SESSION_REVOKED");
    expect((await h.emailsTo("ann@example.com")).at(-1)?.kind).toBe("password_changed");
  });

  it("asks for the current password", async () => {
    const h = await createHarness();
    const { first } = await signedIn(h);
    expect(
      await reasonOf(
        changePassword(h.deps, first.caller, {
          currentPassword: "wrong!",
          newPassword: "whatever123",
        }),
      ),
    ).toBe("INVALID_CREDENTIALS");
  });
});

describe("sessions", () => {
  it("lists live sessions with a coarse address, marking the current one", async () => {
    const h = await createHarness();
    const { second } = await signedIn(h);
    const { sessions } = await listSessions(h.deps, second.caller);
    expect(sessions).toHaveLength(2);
    const current = sessions.find((s) => s.current);
    expect(current).toMatchObject({ userAgent: "phone", ip: "198.51.100.0/24" });
  });

  it("revokes one own session, and refuses another user's", async () => {
    const h = await createHarness();
    const ann = await signedIn(h);
    const bob = await signedIn(h, "bob@example.com");
    expect(
      await reasonOf(
        revokeSession(h.deps, ann.first.caller, { sessionId: bob.first.caller.sessionId }),
      ),
    ).toBe("SESSION_NOT_FOUND");
    await revokeSession(h.deps, ann.first.caller, { sessionId: ann.second.caller.sessionId });
    expect(await reasonOf(refresh(h.deps, { refresh: ann.second.tokens.refresh }))).toBe(
      "SESSION_REVOKED",
    );
    expect(await reasonOf(authenticate(h.deps, ann.second.tokens.access))).toBe("SESSION_REVOKED");
    expect(
      (await refresh(h.deps, { refresh: bob.first.tokens.refresh })).tokens.access,
    ).toBeTruthy();
  });

  it("logs out everywhere, or everywhere else", async () => {
    const h = await createHarness();
    const { first, second } = await signedIn(h);
    expect(await logoutAll(h.deps, first.caller, { keepCurrent: true })).toEqual({
      status: "logged_out",
      revoked: 1,
    });
    expect(await reasonOf(authenticate(h.deps, second.tokens.access))).toBe("SESSION_REVOKED");
    expect((await authenticate(h.deps, first.tokens.access)).sessionId).toBe(
      first.caller.sessionId,
    );
    await logoutAll(h.deps, first.caller, { keepCurrent: false });
    expect(await reasonOf(authenticate(h.deps, first.tokens.access))).toBe("SESSION_REVOKED");
  });
});

describe("email change", () => {
  it("confirms through a link sent to the new address and tells the old one", async () => {
    const h = await createHarness();
    const { first } = await signedIn(h);
    await requestEmailChange(h.deps, first.caller, { newEmail: "ann@new.example", password });
    expect((await h.emailsTo("ann@example.com")).at(-1)?.kind).toBe("email_change_notice");
    const key = await h.latestKey("ann@new.example", "confirm-email");
    expect(await confirmEmailChange(h.deps, { key })).toEqual({
      status: "email_changed",
      email: "ann@new.example",
    });
    expect((await login(h.deps, { email: "ann@new.example", password }, meta)).user.email).toBe(
      "ann@new.example",
    );
    expect(await reasonOf(confirmEmailChange(h.deps, { key }))).toBe("EMAIL_CHANGE_KEY_INVALID");
  });

  it("answers the same for a taken address and mails it nothing", async () => {
    const h = await createHarness();
    const { first } = await signedIn(h);
    await h.signup({ email: "taken@example.com", password });
    const before = (await h.emailsTo("taken@example.com")).length;
    expect(
      await requestEmailChange(h.deps, first.caller, { newEmail: "taken@example.com", password }),
    ).toEqual({ status: "sent" });
    expect(await h.emailsTo("taken@example.com")).toHaveLength(before);
  });

  it("refuses the switch when the address was taken after the link was sent", async () => {
    const h = await createHarness();
    const { first } = await signedIn(h);
    await requestEmailChange(h.deps, first.caller, { newEmail: "ann@new.example", password });
    const key = await h.latestKey("ann@new.example", "confirm-email");
    await h.signup({ email: "ann@new.example", password });
    expect(await reasonOf(confirmEmailChange(h.deps, { key }))).toBe("EMAIL_UNAVAILABLE");
  });

  it("asks for the password and refuses the current address", async () => {
    const h = await createHarness();
    const { first } = await signedIn(h);
    expect(
      await reasonOf(
        requestEmailChange(h.deps, first.caller, { newEmail: "x@example.com", password: "nope" }),
      ),
    ).toBe("INVALID_CREDENTIALS");
    expect(
      await reasonOf(
        requestEmailChange(h.deps, first.caller, { newEmail: "ann@example.com", password }),
      ),
    ).toBe("EMAIL_UNCHANGED");
  });
});

describe("deleteAccount and purge", () => {
  it("deletes the user, ends its sessions at once and frees the address", async () => {
    const h = await createHarness();
    const { first, second } = await signedIn(h);
    expect(await deleteAccount(h.deps, first.caller, { password })).toEqual({ status: "deleted" });
    expect(await reasonOf(authenticate(h.deps, second.tokens.access))).toBe("SESSION_REVOKED");
    expect(await reasonOf(login(h.deps, { email: "ann@example.com", password }, meta))).toBe(
      "INVALID_CREDENTIALS",
    );
    expect((await h.emailsTo("ann@example.com")).at(-1)?.kind).toBe("account_deleted");
  });

  it("purges only unactivated accounts older than the limit", async () => {
    const h = await createHarness({ unactivatedAccountTtlDays: 30 });
    await h.signup({ email: "old@example.com", password });
    await signedIn(h, "active@example.com");
    h.advance(31 * 24 * 3600);
    await h.signup({ email: "fresh@example.com", password });
    expect((await purgeUnactivatedAccounts(h.deps)).purged).toBe(1);
    expect(await h.deps.db.users.findByEmail("old@example.com")).toBeNull();
    expect(await h.deps.db.users.findByEmail("fresh@example.com")).not.toBeNull();
    expect(await h.deps.db.users.findByEmail("active@example.com")).not.toBeNull();
  });
});
