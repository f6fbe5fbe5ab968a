import { describe, expect, it } from "vitest";
import { createMemoryRevocationFeed } from "./memory-revocation-feed";

describe("in-process revocation feed", () => {
  it("is unsure for one access lifetime after it starts, since it forgot what came before", async () => {
    let now = 1_000_000;
    const feed = createMemoryRevocationFeed({ accessTtlSeconds: 900, now: () => now });
    expect(feed.lookup("s1", new Date(now))).toBe("unsure");
    await feed.announce(["s1"], new Date(now + 900_000));
    expect(feed.lookup("s1", new Date(now))).toBe("revoked");
    now += 900_000;
    expect(feed.lookup("s2", new Date(now))).toBe("not_revoked");
    expect(feed.lookup("s1", new Date(now))).toBe("not_revoked");
  });
});
