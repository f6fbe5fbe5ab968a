import { describe, expect, it } from "vitest";
import { createCountingKeyStore } from "./counting-key-store";
import { createFakeKeyStore } from "./fake-key-store";

describe("the counting key store", () => {
  it("counts every call per method and in total, and passes results through", async () => {
    const keys = createCountingKeyStore(createFakeKeyStore(Date.now));
    await keys.set("k", "v", 60);
    expect(await keys.get("k")).toBe("v");
    expect(await keys.get("missing")).toBeNull();
    expect(await keys.increment("n", 60)).toBe(1);
    expect(await keys.getAndDelete("k")).toBe("v");
    await keys.delete("n");
    expect(await keys.getMany(["k", "n"])).toEqual([null, null]);
    expect(keys.calls).toEqual({
      get: 2,
      getMany: 1,
      set: 1,
      getAndDelete: 1,
      delete: 1,
      increment: 1,
      total: 7,
    });
  });

  it("counts a call that fails, since it still cost a round trip", async () => {
    const keys = createCountingKeyStore(createFakeKeyStore(Date.now));
    await expect(keys.set("k", "v", 0)).rejects.toThrow(RangeError);
    expect(keys.calls.set).toBe(1);
    expect(keys.calls.total).toBe(1);
  });

  it("reset starts the counts again from zero", async () => {
    const keys = createCountingKeyStore(createFakeKeyStore(Date.now));
    await keys.get("a");
    const before = keys.calls;
    keys.reset();
    expect(before.total).toBe(1);
    expect(keys.calls.total).toBe(0);
    expect(keys.calls.get).toBe(0);
  });
});
