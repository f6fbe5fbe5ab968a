import { describe, expect, it } from "vitest";
import { login } from "../sessions/login";
import { createHarness, meta, reasonOf, signedIn } from "../test-harness";
import { confirmEmailChange, inspectEmailChangeKey, requestEmailChange } from "./email-change";

const password = "correct horse battery";

describe("email change", () => {
  it("confirms through a link sent to the new address and tells the old one", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    await requestEmailChange(h.deps, first.caller, { newEmail: "ann@new.example", password });
    expect((await h.emailsTo("ann@example.com")).at(-1)?.kind).toBe("email_change_notice");
    const key = await h.latestKey("ann@new.example", "confirm-email");
    expect(await confirmEmailChange(h.deps, { key })).toEqual({
      status: "email_changed",
      email: "ann@new.example",
    });
    expect(
      signedIn(await login(h.deps, { email: "ann@new.example", password }, meta)).user.email,
    ).toBe("ann@new.example");
    expect(await reasonOf(confirmEmailChange(h.deps, { key }))).toBe("EMAIL_CHANGE_KEY_INVALID");
  });

  it("answers the same for a taken address and mails it nothing", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    await h.signup({ email: "taken@example.com", password });
    const before = (await h.emailsTo("taken@example.com")).length;
    expect(
      await requestEmailChange(h.deps, first.caller, { newEmail: "taken@example.com", password }),
    ).toEqual({ status: "sent" });
    expect(await h.emailsTo("taken@example.com")).toHaveLength(before);
  });

  it("refuses the switch when the address was taken after the link was sent", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    await requestEmailChange(h.deps, first.caller, { newEmail: "ann@new.example", password });
    const key = await h.latestKey("ann@new.example", "confirm-email");
    await h.signup({ email: "ann@new.example", password });
    expect(await reasonOf(confirmEmailChange(h.deps, { key }))).toBe("EMAIL_UNAVAILABLE");
  });

  it("asks for the password and refuses the current address", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
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

describe("inspecting an email-change key for its landing page", () => {
  it("names the new address of a usable key without spending it, then says it was used", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    await requestEmailChange(h.deps, first.caller, { newEmail: "ann@new.example", password });
    const key = await h.latestKey("ann@new.example", "confirm-email");
    expect(await inspectEmailChangeKey(h.deps, key)).toEqual({
      status: "usable",
      newEmail: "ann@new.example",
    });
    await confirmEmailChange(h.deps, { key });
    expect(await inspectEmailChangeKey(h.deps, key)).toEqual({
      status: "unusable",
      reason: "EMAIL_CHANGE_KEY_INVALID",
    });
  });

  it("tells an expired link from an unknown one", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    await requestEmailChange(h.deps, first.caller, { newEmail: "ann@new.example", password });
    const key = await h.latestKey("ann@new.example", "confirm-email");
    h.advance(3601);
    expect(await inspectEmailChangeKey(h.deps, key)).toEqual({
      status: "unusable",
      reason: "EMAIL_CHANGE_KEY_EXPIRED",
    });
    expect(await inspectEmailChangeKey(h.deps, "C".repeat(32))).toEqual({
      status: "unusable",
      reason: "EMAIL_CHANGE_KEY_INVALID",
    });
  });
});

describe("email change in the audit trail", () => {
  it("records the change without the addresses, and announces the new one", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    const webhooks = await h.webhookReceiver();
    await requestEmailChange(h.deps, first.caller, { newEmail: "ann@new.example", password });
    const key = await h.latestKey("ann@new.example", "confirm-email");
    await confirmEmailChange(h.deps, { key }, meta);
    const [event] = (await h.events(first.caller.userId)).slice(-1);
    expect(event).toMatchObject({ type: "email.changed", detail: {}, ip: "203.0.113.0/24" });
    expect(JSON.stringify(event)).not.toContain("@");
    expect(await webhooks()).toEqual(["email.changed"]);
  });
});
