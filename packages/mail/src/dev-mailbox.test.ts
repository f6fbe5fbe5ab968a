import { describe, expect, it } from "vitest";
import { createDevMailbox, extractLinks } from "./dev-mailbox";
import type { EmailMessage } from "./mailer";

function message(overrides: Partial<EmailMessage> = {}): EmailMessage {
  return {
    to: "ann@example.com",
    subject: "Activate your Latch account",
    html: "<p>hi</p>",
    text: "Activate: https://latch.test/activate/KEY1\n\nExpires soon.",
    kind: "activation",
    ...overrides,
  };
}

function setup(capacity?: number) {
  const lines: string[] = [];
  let now = new Date("2026-03-01T12:00:00.000Z");
  const mailbox = createDevMailbox({
    log: (line) => lines.push(line),
    now: () => now,
    ...(capacity === undefined ? {} : { capacity }),
  });
  const tick = () => {
    now = new Date(now.getTime() + 1000);
  };
  return { mailbox, lines, tick };
}

describe("the development mailbox", () => {
  it("keeps each message with an id, the time it arrived and the links of its text part", async () => {
    const { mailbox } = setup();
    await mailbox.send(message());

    const [stored] = mailbox.list();
    expect(stored).toMatchObject({
      ...message(),
      receivedAt: new Date("2026-03-01T12:00:00.000Z"),
    });
    expect(stored?.links).toEqual(["https://latch.test/activate/KEY1"]);
    expect(stored && mailbox.find(stored.id)).toBe(stored);
  });

  it("lists the newest message first", async () => {
    const { mailbox, tick } = setup();
    await mailbox.send(message({ subject: "first" }));
    tick();
    await mailbox.send(message({ subject: "second" }));

    expect(mailbox.list().map((m) => m.subject)).toEqual(["second", "first"]);
  });

  it("finds the newest message to an address, whatever its letter case", async () => {
    const { mailbox } = setup();
    await mailbox.send(message({ subject: "old" }));
    await mailbox.send(message({ to: "bob@example.com", subject: "other" }));
    await mailbox.send(message({ subject: "new" }));

    expect(mailbox.latestTo("Ann@Example.com")?.subject).toBe("new");
    expect(mailbox.latestTo("nobody@example.com")).toBeUndefined();
    expect(mailbox.find("no-such-id")).toBeUndefined();
  });

  it("prints each email as one line with its address, subject and links", async () => {
    const { mailbox, lines } = setup();
    await mailbox.send(message());
    await mailbox.send(message({ text: "No links here." }));

    expect(lines).toEqual([
      '[dev-mailbox] to=ann@example.com subject="Activate your Latch account" link: https://latch.test/activate/KEY1',
      '[dev-mailbox] to=ann@example.com subject="Activate your Latch account" (no links)',
    ]);
  });

  it("cannot be made to print a forged line through the address", async () => {
    const { mailbox, lines } = setup();
    await mailbox.send(
      message({ to: "x@y.z\n[dev-mailbox] to=ann@example.com link: https://evil.test" }),
    );

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    expect(lines[0]?.match(/link: /g)).toHaveLength(1);
  });

  it("drops the oldest messages beyond its capacity", async () => {
    const { mailbox } = setup(2);
    for (const subject of ["one", "two", "three"]) await mailbox.send(message({ subject }));

    expect(mailbox.list().map((m) => m.subject)).toEqual(["three", "two"]);
  });

  it("is not changed when the sender later mutates the message it sent", async () => {
    const { mailbox } = setup();
    const sent = message();
    await mailbox.send(sent);
    sent.subject = "changed";

    expect(mailbox.list()[0]?.subject).toBe("Activate your Latch account");
  });

  it("rejects a capacity that could not hold a single message", () => {
    expect(() => createDevMailbox({ capacity: 0 })).toThrow(RangeError);
  });
});

describe("extractLinks", () => {
  it("finds http and https links in order, once each, without trailing punctuation", () => {
    const text =
      "Go to https://a.test/x?y=1&z=2. Or (http://b.test/login), or https://a.test/x?y=1&z=2";
    expect(extractLinks(text)).toEqual(["https://a.test/x?y=1&z=2", "http://b.test/login"]);
  });
});
