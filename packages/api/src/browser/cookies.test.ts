import { type AuthDeps, AuthError, type User } from "@latch/auth";
import { describe, expect, it } from "vitest";
import {
  accountLocaleCookie,
  clearedCookieHeaders,
  readSessionCookies,
  sessionCookieHeaders,
} from "./cookies";

const tokens = {
  access: "a.b.c",
  refresh: "d.e.f",
  accessExpiresAt: "2026-03-01T12:15:00.000Z",
  refreshExpiresAt: "2026-03-02T12:00:00.000Z",
};
const now = new Date("2026-03-01T12:00:00.000Z");
const HTTPS = "https://auth.example.com";
const DEV = "http://localhost:3000";

describe("session cookies", () => {
  it("are Secure over https and live exactly as long as their tokens", () => {
    const [access, refresh] = sessionCookieHeaders(tokens, HTTPS, now);
    expect(access).toMatch(/Secure/);
    expect(access).toMatch(/Max-Age=900/);
    expect(refresh).toMatch(/Secure/);
    expect(refresh).toMatch(/Max-Age=86400/);
  });

  it("carry the __Host- prefix over https, with the attributes it demands", () => {
    const [access, refresh] = sessionCookieHeaders(tokens, HTTPS, now);
    expect(access).toBe(
      "__Host-latch_access=a.b.c; Max-Age=900; Path=/; HttpOnly; Secure; SameSite=Lax",
    );
    expect(refresh).toBe(
      "__Host-latch_refresh=d.e.f; Max-Age=86400; Path=/; HttpOnly; Secure; SameSite=Strict",
    );
  });

  it("drop Secure and the prefixes only for plain-http development", () => {
    const headers = sessionCookieHeaders(tokens, DEV, now);
    for (const header of headers) expect(header).not.toMatch(/Secure|__Host-|__Secure-/);
    expect(headers[0]).toMatch(/^latch_access=a\.b\.c;/);
    expect(headers[1]).toMatch(/^latch_refresh=d\.e\.f;/);
  });

  it("are cleared with Max-Age=0 under the same names and paths", () => {
    const [access, refresh] = clearedCookieHeaders(HTTPS);
    expect(access).toMatch(/^__Host-latch_access=;.*Max-Age=0.*Path=\/(;|$)/);
    expect(refresh).toMatch(/^__Host-latch_refresh=;.*Max-Age=0.*Path=\/(;|$)/);
    const [devAccess, devRefresh] = clearedCookieHeaders(DEV);
    expect(devAccess).toMatch(/^latch_access=;.*Max-Age=0/);
    expect(devRefresh).toMatch(/^latch_refresh=;.*Max-Age=0/);
  });

  it("are read back from a Cookie header by this deployment's names only", () => {
    const header =
      "theme=dark; latch_access=plain; latch_refresh=plain-r; __Host-latch_access=x.y.z; __Host-latch_refresh=r.s.t";
    expect(readSessionCookies(header, HTTPS)).toEqual({ access: "x.y.z", refresh: "r.s.t" });
    expect(readSessionCookies(header, DEV)).toEqual({ access: "plain", refresh: "plain-r" });
    expect(readSessionCookies("latch_access=planted", HTTPS)).toEqual({
      access: null,
      refresh: null,
    });
    expect(readSessionCookies(null, DEV)).toEqual({ access: null, refresh: null });
  });
});

describe("the language cookie a browser login sets", () => {
  /** Just what the cookie needs of the app: the account's row and the app's address. */
  const depsWith = (findById: (id: string) => Promise<Pick<User, "locale"> | null>) =>
    ({
      db: { users: { findById } },
      policy: { appUrl: "https://auth.example.com" },
    }) as unknown as AuthDeps;

  it("is the account's language, for a year, on a browser that never picked one", async () => {
    const [cookie] = await accountLocaleCookie(
      depsWith(async () => ({ locale: "ja" })),
      "u1",
      null,
    );
    expect(cookie).toMatch(/^latch_locale=ja;/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).not.toMatch(/HttpOnly/);
  });

  it("is not set when the browser picked a language, nor for an account that never chose one", async () => {
    const lookups: string[] = [];
    const deps = depsWith(async (id) => {
      lookups.push(id);
      return { locale: null };
    });
    expect(await accountLocaleCookie(deps, "u1", "de")).toEqual([]);
    expect(lookups).toEqual([]);
    expect(await accountLocaleCookie(deps, "u1", null)).toEqual([]);
  });

  it("costs the cookie, never the login, when the database is out", async () => {
    const down = depsWith(() => Promise.reject(new AuthError("SERVICE_UNAVAILABLE")));
    expect(await accountLocaleCookie(down, "u1", null)).toEqual([]);
  });
});
