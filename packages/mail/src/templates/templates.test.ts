import { describe, expect, it } from "vitest";
import { formatMinutes } from "./activation";
import { accountExistsEmail, activationEmail } from "./index";

const link = "https://latch.test/activate/AbCdEfGhIjKlMnOpQrStUvWxYz012345";

describe("the activation email", () => {
  const email = activationEmail({ to: "ann@example.com", link, expiresInMinutes: 15 });

  it("is addressed to the new user and tagged as an activation", () => {
    expect(email.to).toBe("ann@example.com");
    expect(email.kind).toBe("activation");
    expect(email.subject).toBe("Activate your Latch account");
  });

  it("carries the link as a button and as copyable text in the HTML part", () => {
    expect(email.html).toContain(`<a href="${link}"`);
    expect(email.html).toContain(`>${link}</a>`);
  });

  it("carries the link in the plain-text part", () => {
    expect(email.text).toContain(link);
  });

  it("states the expiry in both parts", () => {
    expect(email.html).toContain("This link expires in 15 minutes.");
    expect(email.text).toContain("This link expires in 15 minutes.");
  });

  it("puts the expiry in the preheader, which opens the HTML body", () => {
    const body = email.html.slice(email.html.indexOf("<body"));
    expect(body.slice(0, 400)).toMatch(/display:none[^>]*>Confirm your email address.*15 minutes/);
  });

  it("uses the given app name", () => {
    const branded = activationEmail({ to: "a@b.c", link, expiresInMinutes: 15, appName: "Acme" });
    expect(branded.subject).toBe("Activate your Acme account");
    expect(branded.text).toContain("Thanks for signing up for Acme");
  });

  it("loads nothing from the network: no images, stylesheets or fonts", () => {
    expect(email.html).not.toMatch(/<img|<link|@import|url\(|<script/i);
    const urls = email.html.match(/https?:\/\/[^"<\s]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set([link]));
  });

  it("never lets a <script> in the address or the link reach the HTML unescaped", () => {
    const hostile = activationEmail({
      to: '"<script>alert(1)</script>"@example.com',
      link: 'https://latch.test/activate/"><script>alert(2)</script>',
      expiresInMinutes: 15,
    });
    expect(hostile.html).not.toContain("<script>");
    expect(hostile.html).not.toContain('/activate/"');
    expect(hostile.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(hostile.html).toContain(
      'href="https://latch.test/activate/&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"',
    );
  });

  it("refuses a link that is not an http(s) URL, which escaping alone cannot make safe", () => {
    expect(() =>
      activationEmail({ to: "a@b.c", link: "javascript:alert(1)", expiresInMinutes: 15 }),
    ).toThrow(TypeError);
  });
});

describe("formatMinutes", () => {
  it("reads naturally for the expiries Latch uses", () => {
    expect(formatMinutes(1)).toBe("1 minute");
    expect(formatMinutes(15)).toBe("15 minutes");
    expect(formatMinutes(60)).toBe("1 hour");
    expect(formatMinutes(120)).toBe("2 hours");
    expect(formatMinutes(90)).toBe("90 minutes");
    expect(formatMinutes(0)).toBe("less than a minute");
  });
});

describe("the account-exists email", () => {
  const loginUrl = "https://latch.test/login";
  const email = accountExistsEmail({ to: "ann@example.com", loginUrl });

  it("tells the owner an account already exists and is tagged account-exists", () => {
    expect(email.kind).toBe("account-exists");
    expect(email.subject).toBe("You already have a Latch account");
    expect(email.text).toContain("this address already has an account");
  });

  it("links to the login page in both parts", () => {
    expect(email.html).toContain(`<a href="${loginUrl}"`);
    expect(email.text).toContain(loginUrl);
  });

  it("tells someone who did not try to sign up that they can ignore it", () => {
    expect(email.text).toContain("If it was not you, you can ignore this email.");
    expect(email.html).toContain("If it was not you, you can ignore this email.");
  });

  it("never lets markup in the address or app name reach the HTML unescaped", () => {
    const hostile = accountExistsEmail({
      to: "<img src=x onerror=alert(1)>@example.com",
      loginUrl,
      appName: "<b>Latch</b>",
    });
    expect(hostile.html).not.toMatch(/<img|<b>/);
    expect(hostile.html).toContain("&lt;img src=x onerror=alert(1)&gt;@example.com");
  });
});
