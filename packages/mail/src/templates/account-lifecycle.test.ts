import { describe, expect, it } from "vitest";
import {
  accountDeletedEmail,
  emailChangeConfirmEmail,
  emailChangeNoticeEmail,
  passwordChangedEmail,
  passwordResetEmail,
} from "./index";

const link = "https://latch.test/reset-password/AbCdEfGhIjKlMnOpQrStUvWxYz012345";
const evil = 'eve"><script>alert(1)</script>@example.com';

const cases = [
  [
    "password reset",
    passwordResetEmail({ to: evil, link, expiresInMinutes: 15 }),
    "password-reset",
  ],
  [
    "password changed",
    passwordChangedEmail({ to: evil, forgotPasswordUrl: link }),
    "password-changed",
  ],
  [
    "email change confirmation",
    emailChangeConfirmEmail({ to: evil, link, expiresInMinutes: 60 }),
    "email-change-confirm",
  ],
  [
    "email change notice",
    emailChangeNoticeEmail({ to: "ann@example.com", newEmail: evil, forgotPasswordUrl: link }),
    "email-change-notice",
  ],
  ["account deleted", accountDeletedEmail({ to: evil, signupUrl: link }), "account-deleted"],
] as const;

describe.each(cases)("the %s email", (_name, email, kind) => {
  it("is tagged with its kind and carries its link in both parts", () => {
    expect(email.kind).toBe(kind);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.text).toContain(link);
  });

  it("never lets an interpolated address inject markup", () => {
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;");
  });
});

describe("expiry wording", () => {
  it("states how long a reset or confirmation link lives", () => {
    expect(passwordResetEmail({ to: "a@b.co", link, expiresInMinutes: 15 }).text).toContain(
      "expires in 15 minutes",
    );
    expect(emailChangeConfirmEmail({ to: "a@b.co", link, expiresInMinutes: 60 }).text).toContain(
      "expires in 1 hour",
    );
  });
});
