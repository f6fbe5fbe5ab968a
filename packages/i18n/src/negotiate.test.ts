import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, localeOfRequest } from "./negotiate";

describe("localeFromAcceptLanguage", () => {
  it("picks the best of Latch's languages by quality, regions included", () => {
    expect(localeFromAcceptLanguage("de-CH,de;q=0.9,en;q=0.8")).toBe("de");
    expect(localeFromAcceptLanguage("pt-BR, fr;q=0.5, ja;q=0.7")).toBe("ja");
    expect(localeFromAcceptLanguage("ar-EG")).toBe("ar");
    expect(localeFromAcceptLanguage("es-419")).toBe("es");
  });

  it("keeps the good tags of a header that also holds a malformed one", () => {
    expect(localeFromAcceptLanguage("ja,en_US;q=0.5")).toBe("ja");
    expect(localeFromAcceptLanguage("x-pig-latin,fr;q=0.8")).toBe("fr");
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9,i-klingon;q=0.1")).toBe("de");
  });

  it("reads only the start of a very long header, at the same cost as a short one", () => {
    const noise = Array.from({ length: 4000 }, (_, i) => `x${i % 10}-a${i}`).join(",");
    expect(localeFromAcceptLanguage(`es,${noise}`)).toBe("es");
    expect(localeFromAcceptLanguage(`${noise},es`)).toBe("en");
  });

  it("falls back to English for nothing, an unknown language, a wildcard or garbage", () => {
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
    expect(localeFromAcceptLanguage("pt-BR")).toBe("en");
    expect(localeFromAcceptLanguage("*")).toBe("en");
    expect(localeFromAcceptLanguage("!!,@@;q=x")).toBe("en");
  });
});

describe("localeOfRequest", () => {
  it("prefers the picked language's cookie over Accept-Language", () => {
    const headers = new Headers({ cookie: "a=1; latch_locale=ja", "accept-language": "de" });
    expect(localeOfRequest(headers)).toBe("ja");
  });

  it("ignores a cookie naming a language Latch does not have", () => {
    const headers = new Headers({ cookie: "latch_locale=xx", "accept-language": "fr-CA" });
    expect(localeOfRequest(headers)).toBe("fr");
  });
});
