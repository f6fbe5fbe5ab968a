import { describe, expect, it } from "vitest";
import { RecentRevocations } from "./recent-revocations";

describe("recent revocations", () => {
  it("holds a session until its last token expires, then forgets it", () => {
    const set = new RecentRevocations();
    set.add("s1", 1_000);
    expect(set.has("s1", 999)).toBe(true);
    expect(set.has("s2", 999)).toBe(false);
    expect(set.has("s1", 1_000)).toBe(false);
    expect(set.has("s1", 20_000)).toBe(false);
    expect(set.size).toBe(0);
  });

  it("keeps the later expiry when a session is announced twice", () => {
    const set = new RecentRevocations();
    set.add("s1", 5_000);
    set.add("s1", 2_000);
    expect(set.has("s1", 4_000)).toBe(true);
  });
});
