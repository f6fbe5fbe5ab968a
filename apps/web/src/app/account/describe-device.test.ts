import { describe, expect, it } from "vitest";
import { describeDevice } from "./describe-device";

describe("describing a session's device", () => {
  it.each([
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/141.0.0.0 Safari/537.36",
      "Chrome 141 on Linux",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0",
      "Edge 140 on Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:131.0) Gecko/20100101 Firefox/131.0",
      "Firefox 131 on macOS",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
      "Safari 18 on iPhone",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Mobile Safari/537.36",
      "Chrome 139 on Android",
    ],
  ])("names the browser and system of %s", (userAgent, label) => {
    expect(describeDevice(userAgent)).toEqual({ label, full: userAgent });
  });

  it("shows an unknown client's own first word, shortened", () => {
    expect(describeDevice("node").label).toBe("node");
    expect(describeDevice("curl/8.5.0").label).toBe("curl/8.5.0");
    expect(describeDevice(`a${"b".repeat(80)} extra`).label).toHaveLength(40);
  });

  it("says so when there was no user agent", () => {
    expect(describeDevice(null)).toEqual({ label: "Unknown device", full: null });
    expect(describeDevice("  ")).toEqual({ label: "Unknown device", full: null });
  });
});
