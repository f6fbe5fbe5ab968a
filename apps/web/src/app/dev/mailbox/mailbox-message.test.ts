import { createDevMailbox } from "@latch/mail";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MailboxMessage } from "./mailbox-message";

async function caughtEmail() {
  const mailbox = createDevMailbox({ log: () => undefined });
  await mailbox.send(
    {
      kind: "password_reset",
      locale: "en",
      to: "ann@example.com",
      link: `http://localhost:3000/reset-password/${"A".repeat(32)}`,
      expiresInMinutes: 30,
    },
    { idempotencyKey: "one" },
  );
  const [message] = mailbox.list();
  if (!message) throw new Error("the mailbox caught nothing");
  return message;
}

describe("a message in the development mailbox", () => {
  it("shows the HTML part in a frame that may run nothing, and the text part beside it", async () => {
    const message = await caughtEmail();
    const html = renderToStaticMarkup(createElement(MailboxMessage, { message }));
    const frame = html.match(/<iframe [^>]*>/)?.[0] ?? "";
    expect(frame).toContain('sandbox=""');
    // React writes srcDoc as the srcdoc attribute, escaped: the email's markup stays inside it.
    const srcdoc = frame.match(/srcDoc="([^"]*)"/i)?.[1] ?? "";
    expect(srcdoc).toContain("&lt;html");
    expect(srcdoc).toContain("Reset your password");
    expect(html).toMatch(/<pre>[^<]*Reset your password[^<]*<\/pre>/);
    expect(html).toContain(`href="${message.links[0]}"`);
  });

  it("shows a login email's code to type, and no code line for other emails", async () => {
    const mailbox = createDevMailbox({ log: () => undefined });
    await mailbox.send(
      {
        kind: "passwordless_login",
        locale: "en",
        to: "ann@example.com",
        link: `http://localhost:3000/login/email/${"A".repeat(32)}`,
        code: "042917",
        expiresInMinutes: 15,
      },
      { idempotencyKey: "login" },
    );
    const [login] = mailbox.list();
    if (!login) throw new Error("the mailbox caught nothing");
    expect(renderToStaticMarkup(createElement(MailboxMessage, { message: login }))).toContain(
      "Code: <code>042917</code>",
    );
    const other = renderToStaticMarkup(
      createElement(MailboxMessage, { message: await caughtEmail() }),
    );
    expect(other).not.toContain("Code:");
  });
});
