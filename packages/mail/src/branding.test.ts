import { describe, expect, it } from "vitest";
import { assertBranding, type Branding, buttonTextColour } from "./branding";

const valid: Branding = {
  appName: "Acme",
  supportEmail: "help@acme.test",
  logoUrl: "https://cdn.acme.test/logo.png",
  accentColor: "#2548C4",
};

describe("assertBranding", () => {
  it("accepts a full branding and one with no logo and no support address", () => {
    expect(assertBranding(valid)).toBe(valid);
    expect(() => assertBranding({ ...valid, supportEmail: null, logoUrl: null })).not.toThrow();
    expect(() =>
      assertBranding({ ...valid, supportEmail: "o'brien+help@acme.test" }),
    ).not.toThrow();
  });

  it.each([
    ["an empty app name", { appName: "  " }],
    ["an app name over two lines", { appName: "Acme\nBcc: eve@evil.test" }],
    ["a colour name", { accentColor: "red" }],
    ["a short hex colour", { accentColor: "#fff" }],
    ["CSS smuggled into the colour", { accentColor: "#000000;background:url(x)" }],
    [
      "a support address with mailto parameters",
      { supportEmail: "help@acme.test?bcc=eve@evil.test" },
    ],
    ["two support addresses", { supportEmail: "a@acme.test,b@acme.test" }],
    ["a logo that is not a web URL", { logoUrl: "javascript:alert(1)" }],
    ["a relative logo path", { logoUrl: "/logo.png" }],
  ] as const)("refuses %s at startup", (_, change) => {
    expect(() => assertBranding({ ...valid, ...change })).toThrow(TypeError);
  });
});

describe("buttonTextColour", () => {
  it("writes white on dark accents and near-black on light ones", () => {
    expect(buttonTextColour("#2548c4")).toBe("#ffffff");
    expect(buttonTextColour("#000000")).toBe("#ffffff");
    expect(buttonTextColour("#ffd60a")).toBe("#18181b");
    expect(buttonTextColour("#ffffff")).toBe("#18181b");
  });
});
