import { locales, translatorFor } from "@latch/i18n";
import { describe, expect, it } from "vitest";
import { formatMinutes, webLink } from "./format";

describe("formatMinutes", () => {
  it.each(locales)(
    "picks the %s catalogue's minutes or hours, in that language's plural",
    (locale) => {
      const t = translatorFor(locale);
      const minutes = (count: number) => t("emails.duration.minutes", { count });
      const hours = (count: number) => t("emails.duration.hours", { count });
      expect(formatMinutes(t, 1)).toBe(minutes(1));
      expect(formatMinutes(t, 15)).toBe(minutes(15));
      expect(formatMinutes(t, 60)).toBe(hours(1));
      expect(formatMinutes(t, 120)).toBe(hours(2));
      expect(formatMinutes(t, 90)).toBe(minutes(90));
      expect(formatMinutes(t, 0)).toBe(t("emails.duration.lessThanAMinute"));
      expect(formatMinutes(t, 15)).not.toBe(formatMinutes(t, 1));
    },
  );

  it("reads naturally in English for the expiries Latch uses", () => {
    const t = translatorFor("en");
    expect([1, 15, 60, 120, 90, 0].map((minutes) => formatMinutes(t, minutes))).toEqual([
      "1 minute",
      "15 minutes",
      "1 hour",
      "2 hours",
      "90 minutes",
      "less than a minute",
    ]);
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
