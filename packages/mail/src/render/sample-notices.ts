import type { Notice, NoticeKind } from "@latch/auth/ports";
import type { Branding } from "../branding";
import type { NoticeOf } from "./notice-template";

/** Fixtures for the mail package's own tests: one notice of each kind, links as the domain mints them. */
const appUrl = "https://latch.test";
const key = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
const forgotPasswordUrl = `${appUrl}/forgot-password`;

export const sampleNotices: { [K in NoticeKind]: NoticeOf<K> } = {
  activation: {
    kind: "activation",
    locale: "en",
    to: "ann@example.com",
    link: `${appUrl}/activate/${key}`,
    expiresInMinutes: 15,
  },
  account_exists: {
    kind: "account_exists",
    locale: "en",
    to: "ann@example.com",
    loginUrl: `${appUrl}/login`,
    forgotPasswordUrl,
  },
  password_reset: {
    kind: "password_reset",
    locale: "en",
    to: "ann@example.com",
    link: `${appUrl}/reset-password/${key}`,
    expiresInMinutes: 30,
  },
  password_changed: {
    kind: "password_changed",
    locale: "en",
    to: "ann@example.com",
    forgotPasswordUrl,
  },
  passwordless_login: {
    kind: "passwordless_login",
    locale: "en",
    to: "ann@example.com",
    link: `${appUrl}/login/email/${key}`,
    code: "042917",
    expiresInMinutes: 15,
  },
  email_change_confirmation: {
    kind: "email_change_confirmation",
    locale: "en",
    to: "ann.new@example.com",
    link: `${appUrl}/confirm-email/${key}`,
    expiresInMinutes: 60,
  },
  email_change_notice: {
    kind: "email_change_notice",
    locale: "en",
    to: "ann@example.com",
    newEmail: "ann.new@example.com",
    forgotPasswordUrl,
  },
  account_deleted: {
    kind: "account_deleted",
    locale: "en",
    to: "ann@example.com",
    signupUrl: `${appUrl}/signup`,
  },
  session_ended_after_reuse: {
    kind: "session_ended_after_reuse",
    locale: "en",
    to: "ann@example.com",
    accountUrl: `${appUrl}/account`,
    forgotPasswordUrl,
  },
  second_factor_changed: {
    kind: "second_factor_changed",
    locale: "en",
    to: "ann@example.com",
    change: { what: "recovery_code_used", codesLeft: 9 },
    accountUrl: `${appUrl}/account`,
    forgotPasswordUrl,
  },
};

export const allSampleNotices: Notice[] = Object.values(sampleNotices);

export const plainBranding: Branding = {
  appName: "Latch",
  supportEmail: null,
  logoUrl: null,
  accentColor: "#2563eb",
};

export const fullBranding: Branding = {
  appName: "Acme Cloud",
  supportEmail: "help@acme.test",
  logoUrl: "https://cdn.acme.test/logo.png",
  accentColor: "#e11d48",
};
