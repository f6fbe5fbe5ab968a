import { describe, expect, it } from "vitest";
import { AuthError, isAuthError } from "../errors";
import { authenticate } from "../sessions/authenticate";
import { login } from "../sessions/login";
import { createHarness, type Harness, meta, reasonOf } from "../test-harness";
import { completePendingLink } from "./links";
import { type ProviderSignInResult, signInWithProvider } from "./provider-sign-in";

const acme = { id: "acme", name: "Acme ID", trustEmail: false };
const issuer = "https://id.acme.test";
const profile = (overrides: Partial<Parameters<typeof signInWithProvider>[2]> = {}) => ({
  issuer,
  subject: "acme-subject-1",
  email: "ann@example.com",
  emailVerified: true,
  ...overrides,
});

function tokensOf(result: ProviderSignInResult) {
  if ("status" in result) throw new Error(`expected a session, got ${result.status}`);
  return result;
}

async function accountOf(h: Harness, email: string) {
  const user = await h.deps.db.users.findByEmail(email);
  if (!user) throw new Error(`no account for ${email}`);
  return user;
}

describe("signing in with a provider", () => {
  it("creates an active account without a password for a new verified address", async () => {
    const h = await createHarness();
    const { user, tokens } = tokensOf(await signInWithProvider(h.deps, acme, profile(), meta));
    expect(user.email).toBe("ann@example.com");
    expect((await authenticate(h.deps, tokens.access)).userId).toBe(user.id);
    const account = await accountOf(h, "ann@example.com");
    expect(account.activatedAt).not.toBeNull();
    expect(account.passwordHash).toBeNull();
    // No password means no password login, failing like a wrong one.
    expect(
      await reasonOf(login(h.deps, { email: user.email, password: "anything at all" }, meta)),
    ).toBe("INVALID_CREDENTIALS");
  });

  it("signs the same (issuer, subject) in to the same account after the address changed", async () => {
    const h = await createHarness();
    const first = tokensOf(await signInWithProvider(h.deps, acme, profile(), meta));
    const again = tokensOf(
      await signInWithProvider(
        h.deps,
        acme,
        profile({ email: "ann@new.example", emailVerified: false }),
        meta,
      ),
    );
    expect(again.user.id).toBe(first.user.id);
    expect(await h.deps.db.users.findByEmail("ann@new.example")).toBeNull();
  });

  it.each([
    ["unverified", { emailVerified: false }],
    ["without an address", { email: null }],
  ])("refuses a new identity %s, and creates nothing", async (_, overrides) => {
    const h = await createHarness();
    expect(await reasonOf(signInWithProvider(h.deps, acme, profile(overrides), meta))).toBe(
      "PROVIDER_EMAIL_UNVERIFIED",
    );
    expect(await h.deps.db.users.findByEmail("ann@example.com")).toBeNull();
  });

  it("never signs an unverified address in to the existing account that has it", async () => {
    const h = await createHarness();
    await h.activeUser("ann@example.com");
    for (const provider of [acme, { ...acme, trustEmail: true }]) {
      expect(
        await reasonOf(
          signInWithProvider(h.deps, provider, profile({ emailVerified: false }), meta),
        ),
      ).toBe("PROVIDER_EMAIL_UNVERIFIED");
    }
    expect(
      await h.deps.db.identities.listOfUser((await accountOf(h, "ann@example.com")).id),
    ).toEqual([]);
  });

  it("asks for a login to an existing active account before linking, and links only to it", async () => {
    const h = await createHarness();
    const ann = await h.activeUser("ann@example.com");
    const result = await signInWithProvider(h.deps, acme, profile(), meta);
    expect(result).toMatchObject({ status: "link_required", email: "ann@example.com" });
    if (!("status" in result) || result.status !== "link_required") throw new Error("no link step");
    expect(await h.deps.db.identities.find(issuer, "acme-subject-1")).toBeNull();

    // Another account's login voids the link instead of linking it there.
    await h.activeUser("mallory@example.com");
    const mallory = await accountOf(h, "mallory@example.com");
    expect(await completePendingLink(h.deps, result.linkToken, mallory, meta)).toEqual({
      status: "void",
    });
    expect(await completePendingLink(h.deps, result.linkToken, ann.user, meta)).toEqual({
      status: "void",
    });

    // Asked again, and this time the owner logs in: linked, told, and later sign-ins go straight in.
    const retry = await signInWithProvider(h.deps, acme, profile(), meta);
    if (!("status" in retry) || retry.status !== "link_required") throw new Error("no link step");
    expect(await completePendingLink(h.deps, retry.linkToken, ann.user, meta)).toEqual({
      status: "linked",
      providerName: "Acme ID",
    });
    expect(await completePendingLink(h.deps, retry.linkToken, ann.user, meta)).toEqual({
      status: "void",
    });
    expect(await h.emailsTo("ann@example.com")).toContainEqual(
      expect.objectContaining({ change: { what: "provider_connected", name: "Acme ID" } }),
    );
    expect(tokensOf(await signInWithProvider(h.deps, acme, profile(), meta)).user.id).toBe(
      ann.user.id,
    );
  });

  it("links at once when the operator trusts the provider's verified addresses, and tells the owner", async () => {
    const h = await createHarness();
    const ann = await h.activeUser("ann@example.com");
    const trusted = { ...acme, trustEmail: true };
    expect(tokensOf(await signInWithProvider(h.deps, trusted, profile(), meta)).user.id).toBe(
      ann.user.id,
    );
    expect(await h.emailsTo("ann@example.com")).toContainEqual(
      expect.objectContaining({ change: { what: "provider_connected", name: "Acme ID" } }),
    );
  });

  it("activates a never-activated account and discards the password a squatter chose", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password: "squatter's own password" });
    const squatted = await accountOf(h, "ann@example.com");
    const { user } = tokensOf(await signInWithProvider(h.deps, acme, profile(), meta));
    expect(user.id).toBe(squatted.id);
    const account = await accountOf(h, "ann@example.com");
    expect(account.activatedAt).not.toBeNull();
    expect(account.passwordHash).toBeNull();
    expect(account.keyStamp).not.toBe(squatted.keyStamp);
    expect(
      await reasonOf(
        login(h.deps, { email: "ann@example.com", password: "squatter's own password" }, meta),
      ),
    ).toBe("INVALID_CREDENTIALS");
  });

  it("still asks an account with two-step login for its second step", async () => {
    const h = await createHarness();
    await h.enrolledUser("ann@example.com");
    const trusted = { ...acme, trustEmail: true };
    expect(await signInWithProvider(h.deps, trusted, profile(), meta)).toMatchObject({
      status: "second_factor_required",
    });
  });

  it("settles 20 parallel first sign-ins of one person on one account and one identity", async () => {
    const h = await createHarness();
    // As the dependency guard in production: whatever a transaction throws that is not an
    // AuthError comes out as an outage, so a lost race must not travel as a throw.
    const transaction = h.deps.db.transaction.bind(h.deps.db);
    h.deps.db.transaction = (fn) =>
      transaction(fn).catch((error: unknown) => {
        throw isAuthError(error) ? error : new AuthError("SERVICE_UNAVAILABLE");
      });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => signInWithProvider(h.deps, acme, profile(), meta)),
    );
    const ids = new Set(results.map((result) => tokensOf(result).user.id));
    expect(ids.size).toBe(1);
    expect(await h.deps.db.identities.listOfUser([...ids][0] as string)).toHaveLength(1);
  });
});
