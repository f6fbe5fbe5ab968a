import { describe, expect, it } from "vitest";
import { createHarness, type Harness, reasonOf } from "../test-harness";
import { createSoftwareAuthenticator } from "../testing";
import { listPasskeys, removePasskey, renamePasskey } from "./manage-passkeys";
import { generatePasskeyRegistrationOptions, verifyPasskeyRegistration } from "./register-passkey";

const password = "correct horse battery";

async function registered(h: Harness, email = "ann@example.com") {
  const { caller } = (await h.signedInTwice(email)).first;
  const options = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
  const response = createSoftwareAuthenticator({ origin: "https://latch.test" }).register(options);
  const { passkey } = await verifyPasskeyRegistration(h.deps, caller, { name: "Laptop", response });
  return { caller, passkey };
}

describe("managing passkeys", () => {
  it("renames a passkey of the account", async () => {
    const h = await createHarness();
    const { caller, passkey } = await registered(h);
    await renamePasskey(h.deps, caller, { id: passkey.id, name: "Work laptop" });
    expect((await listPasskeys(h.deps, caller)).passkeys.map((p) => p.name)).toEqual([
      "Work laptop",
    ]);
  });

  it("removes a passkey of the account and tells its owner", async () => {
    const h = await createHarness();
    const { caller, passkey } = await registered(h);
    expect(await removePasskey(h.deps, caller, { id: passkey.id })).toEqual({ status: "removed" });
    expect(await listPasskeys(h.deps, caller)).toEqual({ passkeys: [] });
    expect(await h.emailsTo(caller.email)).toContainEqual(
      expect.objectContaining({ change: { what: "passkey_removed", name: "Laptop" } }),
    );
  });

  it("neither renames nor removes another account's passkey", async () => {
    const h = await createHarness();
    const { passkey } = await registered(h);
    const { caller: bob } = await registered(h, "bob@example.com");
    expect(await reasonOf(renamePasskey(h.deps, bob, { id: passkey.id, name: "Mine" }))).toBe(
      "PASSKEY_NOT_FOUND",
    );
    expect(await reasonOf(removePasskey(h.deps, bob, { id: passkey.id }))).toBe(
      "PASSKEY_NOT_FOUND",
    );
  });
});
