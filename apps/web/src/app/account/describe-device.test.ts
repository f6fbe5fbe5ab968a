import { type Locale, messagesFor, translatorFor } from "@latch/i18n";
import { describe, expect, it } from "vitest";
import { type DeviceWords, describeDevice, deviceLabel } from "./describe-device";

/** The account.device words of one catalogue, as the page passes them. */
function wordsOf(locale: Locale): DeviceWords {
  const t = translatorFor(locale);
  return (key, values) =>
    key === "onSystem" && values
      ? t("account.device.onSystem", values)
      : t("account.device.unknown");
}

const english = wordsOf("en");

/** What a catalogue's sentence says of a browser on a system. */
function onSystem(locale: Locale, name: string, system: string): string {
  return messagesFor(locale)
    .account.device.onSystem.replace("{name}", name)
    .replace("{system}", system);
}

describe("describing a session's device", () => {
  it.each([
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/141.0.0.0 Safari/537.36",
      "Chrome 141",
      "Linux",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0",
      "Edge 140",
      "Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:131.0) Gecko/20100101 Firefox/131.0",
      "Firefox 131",
      "macOS",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
      "Safari 18",
      "iPhone",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Mobile Safari/537.36",
      "Chrome 139",
      "Android",
    ],
  ])("names the browser and system of %s", (userAgent, name, system) => {
    expect(describeDevice(userAgent, english)).toEqual({
      label: onSystem("en", name, system),
      name,
      system,
      full: userAgent,
    });
  });

  it("puts the browser and system in the page's language's sentence", () => {
    const userAgent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0";
    expect(describeDevice(userAgent, wordsOf("de")).label).toBe(
      onSystem("de", "Firefox 131", "Linux"),
    );
    expect(deviceLabel({ name: "Firefox 131", system: "Linux" }, wordsOf("ar"))).toBe(
      onSystem("ar", "Firefox 131", "Linux"),
    );
  });

  it("shows an unknown client's own first word, shortened", () => {
    expect(describeDevice("node", english).label).toBe("node");
    expect(describeDevice("curl/8.5.0", english).label).toBe("curl/8.5.0");
    expect(describeDevice(`a${"b".repeat(80)} extra`, english).name).toHaveLength(40);
  });

  it("says so when there was no user agent", () => {
    const unknown = messagesFor("en").account.device.unknown;
    expect(describeDevice(null, english)).toEqual({
      label: unknown,
      name: null,
      system: null,
      full: null,
    });
    expect(describeDevice("  ", english).label).toBe(unknown);
    expect(describeDevice(null, wordsOf("ja")).label).toBe(
      messagesFor("ja").account.device.unknown,
    );
  });
});
