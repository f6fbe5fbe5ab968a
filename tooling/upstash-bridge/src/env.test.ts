import { describe, expect, it } from "vitest";
import { parseBridgeEnv } from "./env";

const valid = { REDIS_URL: "redis://127.0.0.1:6379", UPSTASH_BRIDGE_TOKEN: "dev-token" };

describe("the bridge script's configuration", () => {
  it("defaults to 127.0.0.1:8079", () => {
    expect(parseBridgeEnv(valid)).toEqual({
      ...valid,
      UPSTASH_BRIDGE_PORT: 8079,
      UPSTASH_BRIDGE_HOST: "127.0.0.1",
    });
  });

  it("treats an empty variable as unset", () => {
    expect(parseBridgeEnv({ ...valid, UPSTASH_BRIDGE_PORT: "" }).UPSTASH_BRIDGE_PORT).toBe(8079);
  });

  it("reads the port and host it is given", () => {
    const env = parseBridgeEnv({
      ...valid,
      UPSTASH_BRIDGE_PORT: "9000",
      UPSTASH_BRIDGE_HOST: "0.0.0.0",
    });
    expect(env.UPSTASH_BRIDGE_PORT).toBe(9000);
    expect(env.UPSTASH_BRIDGE_HOST).toBe("0.0.0.0");
  });

  it.each([
    ["UPSTASH_BRIDGE_PORT", { ...valid, UPSTASH_BRIDGE_PORT: "eighty" }],
    ["UPSTASH_BRIDGE_PORT", { ...valid, UPSTASH_BRIDGE_PORT: "70000" }],
    ["UPSTASH_BRIDGE_PORT", { ...valid, UPSTASH_BRIDGE_PORT: "80.5" }],
    ["REDIS_URL", { ...valid, REDIS_URL: "http://127.0.0.1:6379" }],
    ["REDIS_URL", { UPSTASH_BRIDGE_TOKEN: "t" }],
    ["UPSTASH_BRIDGE_TOKEN", { REDIS_URL: valid.REDIS_URL }],
  ])("a bad or missing value fails with a message naming %s", (name, env) => {
    expect(() => parseBridgeEnv(env)).toThrow(new RegExp(`^\\s+${name}: `, "m"));
  });

  it("never repeats the token in its error message", () => {
    const secret = "super-secret-token-value";
    let message = "";
    try {
      parseBridgeEnv({ UPSTASH_BRIDGE_TOKEN: secret, UPSTASH_BRIDGE_PORT: "x" });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(/UPSTASH_BRIDGE_PORT/);
    expect(message).not.toContain(secret);
  });
});
