import { describe, expect, it } from "vitest";
import { catalogues, directionOf } from "./catalogues";
import { locales } from "./locales";

type Tree = { [key: string]: string | Tree };

/** Every leaf of a catalogue as "namespace.key" → text. */
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(path, value);
    else for (const [leaf, text] of leaves(value, path)) found.set(leaf, text);
  }
  return found;
}

/** The names an ICU message interpolates ({appName}, {minutes, plural, …}), not its plural branches. */
function argumentsOf(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\{\s*([A-Za-z_][\w]*)\s*(?:[,}])/g)) {
    if (match[1]) names.add(match[1]);
  }
  return [...names].sort();
}

const english = leaves(catalogues.en as unknown as Tree);

/**
 * Texts a language may rightly keep as English has them: loanwords, technical
 * names, and messages that are only arguments and punctuation. Anything else
 * equal to English is a text someone forgot to translate.
 */
const SHARED_WITH_ENGLISH = new Set([
  "Passkeys",
  "Webhooks",
  "Status",
  "URL",
  "Action",
  "Actions",
  "Sessions",
  "recovery-codes.txt",
  "{time} UTC",
  "{provider}: {email}",
  "{label} ({type})",
  "{count, plural, one {# minute} other {# minutes}}",
]);

describe.each(locales.filter((locale) => locale !== "en"))("the %s catalogue", (locale) => {
  const catalogue = leaves(catalogues[locale] as unknown as Tree);

  it("has every key of the English catalogue, and no other", () => {
    const missing = [...english.keys()].filter((key) => !catalogue.has(key));
    const extra = [...catalogue.keys()].filter((key) => !english.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it("translates every text, but for the few words these languages share with English", () => {
    const untranslated = [...catalogue].filter(
      ([key, text]) =>
        !key.startsWith("meta.") && text === english.get(key) && !SHARED_WITH_ENGLISH.has(text),
    );
    expect(untranslated).toEqual([]);
  });

  it("fills every key with text that takes the same arguments as English", () => {
    for (const [key, text] of catalogue) {
      expect(text.trim(), key).not.toBe("");
      expect(argumentsOf(text), key).toEqual(argumentsOf(english.get(key) ?? ""));
    }
  });
});

/** "Sign up" stays (it makes an account); every other sign-in or sign-out is a login or logout. */
const SIGN_IN_OR_OUT = /\bsign(?:s|ed|ing)?[- ]?(?:in|out)\b/i;

describe("the English catalogue", () => {
  it("says log in and log out (and logged in), never sign in or sign out, as the pages and emails do", () => {
    const offending = [...english].filter(([, text]) => SIGN_IN_OR_OUT.test(text));
    expect(offending).toEqual([]);
  });
});

describe("the catalogues", () => {
  it("say that only Arabic is written right to left", () => {
    expect(locales.filter((locale) => directionOf(locale) === "rtl")).toEqual(["ar"]);
  });
});
