import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KeyStore } from "../../ports/key-store";

export interface KeyStoreHarness {
  store: KeyStore;
  /** A store on the same backend whose keys live under `prefix` (the harness may scope it further). */
  withPrefix(prefix: string): KeyStore;
  /** Moves the store's clock on. Without it the suite waits in real time (two tests, ~1.2 s each). */
  advance?: (ms: number) => void | Promise<void>;
  cleanup(): Promise<void>;
}

/** Values that trip up stores which parse, trim or re-encode what they keep. */
const AWKWARD_VALUES: [label: string, value: string][] = [
  ["a JSON object", '{"a":1,"b":[true,null]}'],
  ["a JSON string literal", '"quoted"'],
  ["a numeric string", "123"],
  ["a float-looking string", "1e3"],
  ["the string true", "true"],
  ["the string null", "null"],
  ["the empty string", ""],
  ["a space-padded string", "  padded  "],
  ["a multi-line string", "line one\nline two\r\n"],
  ["a Unicode string", "héllo wörld, 日本語, emoji 🎉"],
  ["the string OK", "OK"],
  ["a base64-looking string", "T0s="],
  ["a 64 KiB string", "x".repeat(64 * 1024)],
];

/**
 * The one contract every KeyStore implementation must meet (after Lucia's
 * adapter-test): run it from each implementation's own test file.
 */
export function describeKeyStoreConformance(
  name: string,
  makeStore: () => Promise<KeyStoreHarness>,
): void {
  describe(`${name} meets the KeyStore contract`, () => {
    let harness: KeyStoreHarness;
    let store: KeyStore;
    const elapse = async (ms: number) => {
      if (harness.advance) await harness.advance(ms);
      else await new Promise((resolve) => setTimeout(resolve, ms));
    };

    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it("get returns null for a key that was never set", async () => {
      expect(await store.get("never-set")).toBeNull();
    });

    it.each(AWKWARD_VALUES)("%s comes back exactly as it was stored", async (_, value) => {
      await store.set("awkward", value, 60);
      expect(await store.get("awkward")).toBe(value);
      expect(await store.getAndDelete("awkward")).toBe(value);
    });

    it("keys are opaque strings too, Unicode and separators included", async () => {
      await store.set("user:ü/😀 key", "v", 60);
      expect(await store.get("user:ü/😀 key")).toBe("v");
      expect(await store.get("user:u/😀 key")).toBeNull();
    });

    it("getMany answers in the keys' order, with null for missing ones and awkward values intact", async () => {
      await store.set("many-a", "123", 60);
      await store.set("many-c", '{"x":1}', 60);
      expect(await store.getMany(["many-a", "many-b", "many-c"])).toEqual(["123", null, '{"x":1}']);
      expect(await store.getMany([])).toEqual([]);
    });

    it("set replaces the previous value", async () => {
      await store.set("k", "first", 60);
      await store.set("k", "second", 60);
      expect(await store.get("k")).toBe("second");
    });

    it("getAndDelete returns the value once, then null", async () => {
      await store.set("once", "secret", 60);
      expect(await store.getAndDelete("once")).toBe("secret");
      expect(await store.getAndDelete("once")).toBeNull();
      expect(await store.get("once")).toBeNull();
    });

    it("getAndDelete of a missing key returns null", async () => {
      expect(await store.getAndDelete("missing")).toBeNull();
    });

    it("of 25 concurrent getAndDelete calls on one key, exactly one receives the value", async () => {
      await store.set("contended", "prize", 60);
      const results = await Promise.all(
        Array.from({ length: 25 }, () => store.getAndDelete("contended")),
      );
      expect(results.filter((result) => result !== null)).toEqual(["prize"]);
      expect(await store.get("contended")).toBeNull();
    });

    it("delete removes a value and is harmless for a missing key", async () => {
      await store.set("doomed", "v", 60);
      await store.delete("doomed");
      await store.delete("never-there");
      expect(await store.get("doomed")).toBeNull();
    });

    it("increment counts 1, 2, 3 and the count is readable with get", async () => {
      expect(await store.increment("counter", 60)).toBe(1);
      expect(await store.increment("counter", 60)).toBe(2);
      expect(await store.increment("counter", 60)).toBe(3);
      expect(await store.get("counter")).toBe("3");
    });

    it("concurrent increments are not lost", async () => {
      const counts = await Promise.all(
        Array.from({ length: 40 }, () => store.increment("busy", 60)),
      );
      expect([...counts].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      expect(await store.get("busy")).toBe("40");
    });

    it("increment refuses a key that holds something other than an integer", async () => {
      await store.set("word", "abc", 60);
      await expect(store.increment("word", 60)).rejects.toThrow();
      expect(await store.get("word")).toBe("abc");
    });

    it("TTLs must be whole seconds above zero, and a refused write stores nothing", async () => {
      for (const ttl of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(store.set("bad-ttl", "v", ttl), `set with ${ttl}`).rejects.toThrow(RangeError);
        await expect(store.increment("bad-ttl", ttl), `increment with ${ttl}`).rejects.toThrow(
          RangeError,
        );
      }
      expect(await store.get("bad-ttl")).toBeNull();
    });

    it("a store sees only the keys under its own prefix", async () => {
      const other = harness.withPrefix("other-prefix:");
      await store.set("shared-name", "mine", 60);
      expect(await other.get("shared-name")).toBeNull();
      expect(await other.getAndDelete("shared-name")).toBeNull();
      await other.delete("shared-name");
      expect(await other.increment("shared-name", 60)).toBe(1);
      await other.set("theirs", "theirs", 60);
      expect(await store.get("shared-name")).toBe("mine");
      expect(await store.get("theirs")).toBeNull();
    });

    it("an entry vanishes once its TTL has passed, unless a later set gave it a new TTL", async () => {
      await store.set("short", "v", 1);
      await store.set("extended", "old", 1);
      await store.set("extended", "new", 60);
      await elapse(1200);
      expect(await store.get("short")).toBeNull();
      expect(await store.getAndDelete("short")).toBeNull();
      expect(await store.get("extended")).toBe("new");
    });

    it("a counter's window is fixed by its first increment and restarts at 1 once it ends", async () => {
      expect(await store.increment("window", 1)).toBe(1);
      await elapse(500);
      // A later increment must not push the window's end back.
      expect(await store.increment("window", 1)).toBe(2);
      await elapse(700);
      expect(await store.get("window")).toBeNull();
      expect(await store.increment("window", 1)).toBe(1);
    });
  });
}
