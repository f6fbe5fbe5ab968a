import { describe, expect, it } from "vitest";
import { formatMinutes, webLink } from "./format";

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

describe("webLink", () => {
  it("passes absolute http(s) URLs through unchanged", () => {
    expect(webLink("https://latch.test/activate/KEY")).toBe("https://latch.test/activate/KEY");
    expect(webLink("http://localhost:3000/login")).toBe("http://localhost:3000/login");
  });

  it.each(["javascript:alert(1)", "data:text/html,<b>x</b>", "/activate/KEY", "https://a b.test/"])(
    "refuses %s",
    (url) => {
      expect(() => webLink(url)).toThrow(TypeError);
    },
  );
});
