import { describeKeyStoreConformance } from "@latch/auth/testing";
import { describe, expect, it } from "vitest";
import { createMemoryKeyStore } from "./memory-key-store";

function fakeClock() {
  let now = Date.UTC(2026, 2, 1, 12);
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describeKeyStoreConformance("the in-memory store on a fake clock", async () => {
  const clock = fakeClock();
  return {
    store: createMemoryKeyStore({ now: clock.now, prefix: "test:" }),
    withPrefix: (prefix) => createMemoryKeyStore({ now: clock.now, prefix }),
    advance: clock.advance,
    cleanup: async () => undefined,
  };
});

describe("the in-memory store", () => {
  it("keeps an entry up to the last millisecond of its TTL and not one after", async () => {
    const clock = fakeClock();
    const store = createMemoryKeyStore({ now: clock.now });
    await store.set("k", "v", 2);
    clock.advance(1999);
    expect(await store.get("k")).toBe("v");
    clock.advance(1);
    expect(await store.get("k")).toBeNull();
  });

  it("drops an expired entry when a read finds it", async () => {
    const clock = fakeClock();
    const store = createMemoryKeyStore({ now: clock.now });
    await store.set("k", "v", 1);
    clock.advance(1000);
    expect(store.size).toBe(1);
    expect(await store.get("k")).toBeNull();
    expect(store.size).toBe(0);
  });

  it("sweeps expired entries on writes, so memory follows the live keys rather than every key ever written", async () => {
    const clock = fakeClock();
    const store = createMemoryKeyStore({ now: clock.now });
    for (let round = 0; round < 20; round += 1) {
      for (let i = 0; i < 1000; i += 1) await store.set(`r${round}:${i}`, "v", 1);
      clock.advance(2000);
    }
    // 20,000 keys were written; at most 1,000 were ever alive at once.
    expect(store.size).toBeLessThanOrEqual(3000);
  });

  it("keeps an unexpired entry through a sweep", async () => {
    const clock = fakeClock();
    const store = createMemoryKeyStore({ now: clock.now });
    await store.set("keeper", "v", 3600);
    for (let i = 0; i < 5000; i += 1) await store.set(`churn:${i}`, "v", 1);
    clock.advance(2000);
    for (let i = 0; i < 5000; i += 1) await store.set(`more:${i}`, "v", 1);
    expect(await store.get("keeper")).toBe("v");
  });

  it("applies its prefix to the keys it holds", async () => {
    const store = createMemoryKeyStore({ prefix: "app:" });
    await store.set("k", "v", 60);
    expect(await store.get("k")).toBe("v");
    expect(await store.get("app:k")).toBeNull();
  });
});
