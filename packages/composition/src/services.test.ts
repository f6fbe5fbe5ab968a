import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { parsePreviousPublicKeys, parseSigningKey } from "./secrets";
import { createServices } from "./services";

describe("composition in production", () => {
  it("refuses to start on embedded parts unless told to, naming every missing variable", async () => {
    await expect(
      createServices(parseEnv({ NODE_ENV: "production" }), () => undefined),
    ).rejects.toThrow(
      /DATABASE_URL[\s\S]*UPSTASH_REDIS_REST_URL[\s\S]*RESEND_API_KEY[\s\S]*AUTH_SECRET[\s\S]*JWT_PRIVATE_KEY/,
    );
  });

  it("refuses a JWT_PRIVATE_KEY that is not a private Ed25519 JWK, without echoing it", async () => {
    const secretish = '{"kty":"RSA","d":"super-secret-material"}';
    await expect(parseSigningKey(secretish)).rejects.toThrow(/JWT_PRIVATE_KEY/);
    await expect(parseSigningKey(secretish)).rejects.not.toThrow(/super-secret-material/);
  });

  it("accepts retired public keys but refuses private material in JWT_PREVIOUS_PUBLIC_KEYS", () => {
    const publicKey = {
      kty: "OKP",
      crv: "Ed25519",
      x: "abc",
      kid: "old",
      alg: "EdDSA",
      use: "sig",
    };
    expect(parsePreviousPublicKeys(JSON.stringify([publicKey]))).toEqual([publicKey]);
    expect(() => parsePreviousPublicKeys(JSON.stringify([{ ...publicKey, d: "private" }]))).toThrow(
      /JWT_PREVIOUS_PUBLIC_KEYS/,
    );
    expect(parsePreviousPublicKeys(undefined)).toEqual([]);
  });
});
