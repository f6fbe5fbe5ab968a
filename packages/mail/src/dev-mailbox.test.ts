import { type Notice, NoticeRejected } from "@latch/auth/ports";
import { describe, expect, it } from "vitest";
import { createDevMailbox, type DevMailboxOptions, extractLinks } from "./dev-mailbox";
import { renderNotice } from "./render/render-notice";
import { fullBranding, plainBranding, sampleNotices } from "./render/sample-notices";

const activation = sampleNotices.activation;

function setup(options: Omit<DevMailboxOptions, "log" | "now"> = {}) {
  const lines: string[] = [];
  let now = new Date("2026-03-01T12:00:00.000Z");
  const mailbox = createDevMailbox({ log: (line) => lines.push(line), now: () => now, ...options });
  const tick = () => {
    now = new Date(now.getTime() + 1000);
  };
  let keys = 0;
  const send = (notice: Notice, idempotencyKey = `key-${++keys}`) =>
    mailbox.send(notice, { idempotencyKey });
  return { mailbox, lines, tick, send };
}

describe("the development mailbox", () => {
  it("renders the notice and keeps it with an id, its key, the time and the links of its text", async () => {
    const { mailbox, send } = setup();
    await send(activation, "outbox-1");

    const [stored] = mailbox.list();
    expect(stored).toMatchObject({
      ...(await renderNotice(activation, plainBranding)),
      idempotencyKey: "outbox-1",
      receivedAt: new Date("2026-03-01T12:00:00.000Z"),
    });
    expect(stored?.links).toEqual([activation.link]);
    expect(stored && mailbox.find(stored.id)).toBe(stored);
  });

  it("renders with the branding it was given", async () => {
    const { mailbox, send } = setup({ branding: fullBranding });
    await send(activation);

    expect(mailbox.list()[0]?.subject).toBe("Activate your Acme Cloud account");
    expect(mailbox.list()[0]?.text).toContain("help@acme.test");
  });

  it("stores a notice sent twice with the same idempotency key once", async () => {
    const { mailbox, lines, send } = setup();
    await send(activation, "outbox-7");
    await send(activation, "outbox-7");
    await send(activation, "outbox-8");

    expect(mailbox.list().map((message) => message.idempotencyKey)).toEqual([
      "outbox-8",
      "outbox-7",
    ]);
    expect(lines).toHaveLength(2);
  });

  it("stores once even when the two sends overlap", async () => {
    const { mailbox, send } = setup();
    await Promise.all([send(activation, "outbox-9"), send(activation, "outbox-9")]);

    expect(mailbox.list()).toHaveLength(1);
  });

  it("rejects for good a notice it cannot render, and accepts its key again later", async () => {
    const { mailbox, send } = setup();
    await expect(send({ ...activation, link: "javascript:alert(1)" }, "outbox-3")).rejects.toThrow(
      NoticeRejected,
    );
    await send(activation, "outbox-3");

    expect(mailbox.list()).toHaveLength(1);
  });

  it("lists the newest message first", async () => {
    const { mailbox, tick, send } = setup();
    await send(sampleNotices.password_reset);
    tick();
    await send(sampleNotices.password_changed);

    expect(mailbox.list().map((message) => message.kind)).toEqual([
      "password_changed",
      "password_reset",
    ]);
  });

  it("finds the newest message to an address, whatever its letter case", async () => {
    const { mailbox, send } = setup();
    await send(sampleNotices.password_reset);
    await send({ ...activation, to: "bob@example.com" });
    await send(sampleNotices.password_changed);

    expect(mailbox.latestTo("Ann@Example.com")?.kind).toBe("password_changed");
    expect(mailbox.latestTo("nobody@example.com")).toBeUndefined();
    expect(mailbox.find("no-such-id")).toBeUndefined();
  });

  it("prints each email as one line with its address, subject and links", async () => {
    const { lines, send } = setup();
    await send(activation);
    await send(sampleNotices.account_exists);

    expect(lines).toEqual([
      `[dev-mailbox] to=ann@example.com subject="Activate your Latch account" link: ${activation.link}`,
      '[dev-mailbox] to=ann@example.com subject="You already have an account with Latch" ' +
        "link: https://latch.test/login link: https://latch.test/forgot-password",
    ]);
  });

  it("keeps and prints the code of a login email beside its link, and no code for other emails", async () => {
    const { mailbox, lines, send } = setup();
    const login = sampleNotices.passwordless_login;
    await send(login);
    await send(activation);

    expect(lines[0]).toBe(
      `[dev-mailbox] to=ann@example.com subject="Your Latch login link and code" link: ${login.link} code: ${login.code}`,
    );
    expect(lines[1]).not.toContain("code:");
    expect(mailbox.list().map((message) => message.code)).toEqual([null, login.code]);
  });

  it("cannot be made to print a forged line through the address", async () => {
    const { lines, send } = setup();
    await send({
      ...activation,
      to: "x@y.z\n[dev-mailbox] to=ann@example.com link: https://evil.test",
    });

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    expect(lines[0]).toMatch(/^\[dev-mailbox\] to=x@y\.z\\n\[dev-mailbox\]%20to=/);
  });

  it("drops the oldest messages beyond its capacity", async () => {
    const { mailbox, send } = setup({ capacity: 2 });
    for (const notice of [
      activation,
      sampleNotices.password_reset,
      sampleNotices.account_deleted,
    ]) {
      await send(notice);
    }

    expect(mailbox.list().map((message) => message.kind)).toEqual([
      "account_deleted",
      "password_reset",
    ]);
  });

  it("is not changed when the sender later mutates the notice it sent", async () => {
    const { mailbox, send } = setup();
    const notice = { ...activation };
    await send(notice);
    notice.to = "changed@example.com";

    expect(mailbox.list()[0]?.to).toBe("ann@example.com");
    expect(Object.isFrozen(mailbox.list()[0])).toBe(true);
  });

  it("rejects a capacity that could not hold a single message, and bad branding", () => {
    expect(() => createDevMailbox({ capacity: 0 })).toThrow(RangeError);
    expect(() => createDevMailbox({ branding: { ...plainBranding, accentColor: "blue" } })).toThrow(
      TypeError,
    );
  });
});

describe("extractLinks", () => {
  it("finds http and https links in order, once each, without trailing punctuation", () => {
    const text =
      "Go to https://a.test/x?y=1&z=2. Or (http://b.test/login), or https://a.test/x?y=1&z=2";
    expect(extractLinks(text)).toEqual(["https://a.test/x?y=1&z=2", "http://b.test/login"]);
  });
});
