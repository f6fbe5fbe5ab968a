import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

const policy = { appUrl: "https://auth.example.com", allowedOrigins: ["https://app.example.com"] };

describe("where a login or an activation may send the person next", () => {
  it("keeps a path on Latch's own origin, query and fragment included", () => {
    expect(safeReturnTo("/account", policy)).toBe("/account");
    expect(safeReturnTo("/account?tab=sessions#top", policy)).toBe("/account?tab=sessions#top");
  });

  it("keeps an absolute address on Latch's origin or an allowlisted one", () => {
    expect(safeReturnTo("https://auth.example.com/account", policy)).toBe(
      "https://auth.example.com/account",
    );
    expect(safeReturnTo("https://app.example.com/dashboard?x=1", policy)).toBe(
      "https://app.example.com/dashboard?x=1",
    );
  });

  it("refuses every open redirect", () => {
    for (const target of [
      "//evil.example.com/",
      "/\\evil.example.com",
      "\\\\evil.example.com",
      "https://evil.example.com/",
      "https://app.example.com.evil.test/",
      "https://auth.example.com@evil.example.com/",
      "http://app.example.com/",
      "javascript:alert(1)",
      "data:text/html,hi",
      " /account",
      "/acc\nount",
      "account",
      "",
      `/${"a".repeat(2100)}`,
    ]) {
      expect(safeReturnTo(target, policy), JSON.stringify(target)).toBeNull();
    }
    expect(safeReturnTo(null, policy)).toBeNull();
    expect(safeReturnTo(["/account"], policy)).toBeNull();
  });
});
