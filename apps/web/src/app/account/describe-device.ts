export interface DeviceDescription {
  /** Short enough for a table cell, e.g. "Chrome 141 on Linux", in the words given. */
  label: string;
  /** The browser and its version ("Chrome 141"), else the client's own first word; null when unknown. */
  name: string | null;
  /** The system it runs on ("Linux", "iPhone"), when one is recognised. */
  system: string | null;
  /** The whole user agent, for a tooltip; null when there was none. */
  full: string | null;
}

/** The words around a description, from the page's catalogue (account.device). */
export type DeviceWords = (
  key: "onSystem" | "unknown",
  values?: { name: string; system: string },
) => string;

/** First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari". */
const BROWSERS: [name: string, pattern: RegExp][] = [
  ["Edge", /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ["Opera", /\bOPR\/(\d+)/],
  ["Samsung Internet", /\bSamsungBrowser\/(\d+)/],
  ["Firefox", /\b(?:Firefox|FxiOS)\/(\d+)/],
  ["Chrome", /\b(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/],
  ["Safari", /\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//],
];

const SYSTEMS: [name: string, pattern: RegExp][] = [
  ["iPhone", /\biPhone\b/],
  ["iPad", /\biPad\b/],
  ["Android", /\bAndroid\b/],
  ["ChromeOS", /\bCrOS\b/],
  ["Windows", /\bWindows\b/],
  ["macOS", /\bMac OS X\b|\bMacintosh\b/],
  ["Linux", /\bLinux\b/],
];

const MAX_RAW_LENGTH = 40;

/**
 * Turns a user agent into words a person recognises. Only the common
 * browsers are named; anything else (an API client, a script) shows its own
 * first word, e.g. "node" or "curl/8.5.0", cut to a readable length.
 */
export function describeDevice(userAgent: string | null, words: DeviceWords): DeviceDescription {
  const parts = partsOf(userAgent);
  return { label: deviceLabel(parts, words), ...parts };
}

function partsOf(userAgent: string | null): Omit<DeviceDescription, "label"> {
  const full = userAgent?.trim() || null;
  if (!full) return { name: null, system: null, full: null };

  const system = SYSTEMS.find(([, pattern]) => pattern.test(full))?.[0] ?? null;
  for (const [browser, pattern] of BROWSERS) {
    const version = full.match(pattern)?.[1];
    if (version) return { name: `${browser} ${version}`, system, full };
  }
  const firstWord = full.split(/\s/)[0] ?? full;
  const name =
    firstWord.length > MAX_RAW_LENGTH ? `${firstWord.slice(0, MAX_RAW_LENGTH - 1)}…` : firstWord;
  return { name, system, full };
}

/** Short enough for a table cell, e.g. "Chrome 141 on Linux", in the page's language. */
export function deviceLabel(
  device: Pick<DeviceDescription, "name" | "system">,
  words: DeviceWords,
): string {
  if (!device.name) return words("unknown");
  return device.system
    ? words("onSystem", { name: device.name, system: device.system })
    : device.name;
}
