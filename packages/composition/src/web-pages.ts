import type { PagePaths } from "@latch/auth";

/**
 * Where the web app (apps/web/src/app) serves the pages that emails link to.
 * The composition root wires the app, so it tells the domain; a test in the
 * app checks that each of these paths has its page.
 */
export const webPages: PagePaths = {
  activate: "/activate",
  resetPassword: "/reset-password",
  confirmEmail: "/confirm-email",
  loginByEmail: "/login/email",
  login: "/login",
  forgotPassword: "/forgot-password",
  signup: "/signup",
  account: "/account",
};
