import { describe, expect, it } from "vitest";
import { clearedCookieHeaders, readSessionCookies, sessionCookieHeaders } from "./cookies";

const tokens = {
  access: "a.b.c",
  refresh: "d.e.f",
  accessExpiresAt: "2026-03-01T12:15:00.000Z",
  refreshExpiresAt: "2026-03-02T12:00:00.000Z",
};
const now = new Date("2026-03-01T12:00:00.000Z");

describe("session cookies", () => {
  it("are Secure over https and live exactly as long as their tokens", () => {
    const [access, refresh] = sessionCookieHeaders(tokens, "https://auth.example.com", now);
    expect(access).toMatch(/Secure/);
    expect(access).toMatch(/Max-Age=900/);
    expect(refresh).toMatch(/Secure/);
    expect(refresh).toMatch(/Max-Age=86400/);
  });

  it("drop Secure only for plain-http development", () => {
    for (const header of sessionCookieHeaders(tokens, "http://localhost:3000", now)) {
      expect(header).not.toMatch(/Secure/);
    }
  });

  it("are cleared with Max-Age=0 on the same paths", () => {
    const [access, refresh] = clearedCookieHeaders("https://auth.example.com");
    expect(access).toMatch(/^latch_access=;.*Max-Age=0.*Path=\/(;|$)/);
    expect(refresh).toMatch(/^latch_refresh=;.*Max-Age=0.*Path=\/api\/trpc/);
  });

  it("are read back from a Cookie header, ignoring others", () => {
    expect(readSessionCookies("theme=dark; latch_access=x.y.z; latch_refresh=r.s.t")).toEqual({
      access: "x.y.z",
      refresh: "r.s.t",
    });
    expect(readSessionCookies(null)).toEqual({ access: null, refresh: null });
  });
});
