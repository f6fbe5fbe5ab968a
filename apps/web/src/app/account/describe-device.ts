export interface DeviceDescription {
  /** Short enough for a table cell, e.g. "Chrome 141 on Linux". */
  label: string;
  /** The whole user agent, for a tooltip; null when there was none. */
  full: string | null;
}

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
export function describeDevice(userAgent: string | null): DeviceDescription {
  const full = userAgent?.trim() || null;
  if (!full) return { label: "Unknown device", full: null };

  const system = SYSTEMS.find(([, pattern]) => pattern.test(full))?.[0];
  for (const [name, pattern] of BROWSERS) {
    const version = full.match(pattern)?.[1];
    if (version)
      return { label: system ? `${name} ${version} on ${system}` : `${name} ${version}`, full };
  }
  const firstWord = full.split(/\s/)[0] ?? full;
  const label =
    firstWord.length > MAX_RAW_LENGTH ? `${firstWord.slice(0, MAX_RAW_LENGTH - 1)}…` : firstWord;
  return { label: system ? `${label} on ${system}` : label, full };
}
