import { describe, expect, it } from "vitest";
import { authenticate } from "../sessions/authenticate";
import { createHarness, meta, reasonOf } from "../test-harness";
import { connectIdentity, disconnectIdentity, listIdentities } from "./links";
import { signInWithProvider } from "./provider-sign-in";

const acme = { id: "acme", name: "Acme ID", trustEmail: false };
const profile = (subject: string, email = "ann@example.com") => ({
  issuer: "https://id.acme.test",
  subject,
  email,
  emailVerified: true,
});
const nameOf = () => "Acme ID";

async function providerOnlyAccount() {
  const h = await createHarness();
  const result = await signInWithProvider(h.deps, acme, profile("s-1"), meta);
  if ("status" in result) throw new Error("expected a session");
  const caller = await authenticate(h.deps, result.tokens.access);
  return { h, caller };
}

describe("connected identities", () => {
  it("connects another identity to a signed-in account and tells the owner", async () => {
    const h = await createHarness();
    const ann = await h.activeUser("ann@example.com");
    const caller = await authenticate(h.deps, ann.tokens.access);
    // The provider's address is not the account's: the session proved the account.
    await connectIdentity(
      h.deps,
      caller.userId,
      acme,
      profile("s-9", "ann@elsewhere.example"),
      meta,
    );
    const { identities, hasPassword } = await listIdentities(h.deps, caller);
    expect(identities.map((identity) => identity.providerId)).toEqual(["acme"]);
    expect(hasPassword).toBe(true);
    expect(await h.emailsTo("ann@example.com")).toContainEqual(
      expect.objectContaining({ change: { what: "provider_connected", name: "Acme ID" } }),
    );
  });

  it("refuses to connect an identity that signs in to another account", async () => {
    const { h } = await providerOnlyAccount();
    const bob = await h.activeUser("bob@example.com");
    expect(await reasonOf(connectIdentity(h.deps, bob.user.id, acme, profile("s-1"), meta))).toBe(
      "IDENTITY_IN_USE",
    );
  });

  it("refuses to disconnect the last way in, and allows it once there is another", async () => {
    const { h, caller } = await providerOnlyAccount();
    const [only] = (await listIdentities(h.deps, caller)).identities;
    if (!only) throw new Error("no identity");
    expect(await reasonOf(disconnectIdentity(h.deps, caller, only.id, nameOf, meta))).toBe(
      "LAST_SIGN_IN_METHOD",
    );
    await connectIdentity(h.deps, caller.userId, acme, profile("s-2"), meta);
    expect(await disconnectIdentity(h.deps, caller, only.id, nameOf, meta)).toEqual({
      status: "disconnected",
    });
    expect(await h.emailsTo("ann@example.com")).toContainEqual(
      expect.objectContaining({ change: { what: "provider_disconnected", name: "Acme ID" } }),
    );
  });

  it("lets only one of two parallel disconnects leave a password-less account", async () => {
    const { h, caller } = await providerOnlyAccount();
    await connectIdentity(h.deps, caller.userId, acme, profile("s-2"), meta);
    const ids = (await listIdentities(h.deps, caller)).identities.map((identity) => identity.id);
    const reasons = await Promise.allSettled(
      ids.map((id) => disconnectIdentity(h.deps, caller, id, nameOf, meta)),
    );
    expect(reasons.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect((await listIdentities(h.deps, caller)).identities).toHaveLength(1);
  });

  it("does not disconnect another account's identity", async () => {
    const { h } = await providerOnlyAccount();
    const bob = await h.activeUser("bob@example.com");
    const bobCaller = await authenticate(h.deps, bob.tokens.access);
    const annUser = await h.deps.db.users.findByEmail("ann@example.com");
    const [annIdentity] = await h.deps.db.identities.listOfUser(annUser?.id ?? "");
    expect(
      await reasonOf(disconnectIdentity(h.deps, bobCaller, annIdentity?.id ?? "", nameOf, meta)),
    ).toBe("IDENTITY_NOT_FOUND");
  });
});

describe("identities in the audit trail", () => {
  it("records a provider-made account's signup, activation, link and login, then an unlink", async () => {
    const h = await createHarness();
    const webhooks = await h.webhookReceiver();
    const result = await signInWithProvider(h.deps, acme, profile("s-1"), meta);
    if ("status" in result) throw new Error("expected a session");
    const caller = await authenticate(h.deps, result.tokens.access);
    await connectIdentity(h.deps, caller.userId, acme, profile("s-2"), meta);
    const [, second] = (await listIdentities(h.deps, caller)).identities;
    await disconnectIdentity(h.deps, caller, second?.id ?? "", nameOf, meta);
    const events = await h.events(caller.userId);
    expect(events.map((event) => event.type)).toEqual([
      "user.signed_up",
      "user.activated",
      "identity.linked",
      "login.succeeded",
      "identity.linked",
      "identity.unlinked",
    ]);
    expect(events[3]?.detail.method).toBe("provider");
    expect(events[5]?.detail).toEqual({ provider: "acme" });
    expect(await webhooks()).toEqual([
      "user.created",
      "user.activated",
      "identity.linked",
      "session.created",
      "identity.linked",
      "identity.unlinked",
    ]);
  });

  it("leaves no link event when the unlink is refused", async () => {
    const { h, caller } = await providerOnlyAccount();
    const [only] = (await listIdentities(h.deps, caller)).identities;
    const before = await h.events(caller.userId);
    await reasonOf(disconnectIdentity(h.deps, caller, only?.id ?? "", nameOf, meta));
    expect(await h.events(caller.userId)).toEqual(before);
  });
});
