import { describe, expect, it } from "vitest";
import { clientIdentifier, defaultLimitSettings, limitPolicy } from "./limits";

describe("who a client is", () => {
  it("is an IPv4 address, also when written IPv4-mapped", () => {
    expect(clientIdentifier("192.0.2.7")).toBe(clientIdentifier("::ffff:192.0.2.7"));
    expect(clientIdentifier("192.0.2.7")).not.toBe(clientIdentifier("192.0.2.8"));
  });

  it("is an IPv6 /64", () => {
    expect(clientIdentifier("2001:db8:1:2::1")).toBe(clientIdentifier("2001:db8:1:2:ffff::9"));
    expect(clientIdentifier("2001:db8:1:2::1")).not.toBe(clientIdentifier("2001:db8:1:3::1"));
  });

  it("is one shared bucket when the address is unknown or not an address", () => {
    expect(clientIdentifier(null)).toBe("shared");
    expect(clientIdentifier("not-an-ip")).toBe("shared");
  });

  it("never names the address itself", () => {
    expect(clientIdentifier("192.0.2.7")).not.toContain("192.0.2");
  });
});

describe("the limit policy", () => {
  it("scales every limit, never below one", () => {
    const scaled = limitPolicy({ ...defaultLimitSettings, scale: 10 }, 900);
    expect(scaled.loginsPerClient.limit).toBe(200);
    expect(scaled.loginFailuresPerAddress.map((rule) => rule.limit)).toEqual([200, 500, 1000]);
    const tiny = limitPolicy({ ...defaultLimitSettings, scale: 0.001 }, 900);
    expect(tiny.signupsPerClient.limit).toBe(1);
  });

  it("gives every rule its own name, so no two share a bucket", () => {
    const policy = limitPolicy(defaultLimitSettings, 900);
    const rules = Object.values(policy).flat();
    expect(new Set(rules.map((rule) => rule.name)).size).toBe(rules.length);
  });
});
