import { base64url, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { reasonOf } from "../test-harness";
import { generateSigningKey } from "./signing-keys";
import { createTokenService } from "./token-service";

const now = new Date("2026-03-01T12:00:00.000Z");
const subject = { userId: "u1", email: "ann@example.com", sessionId: "s1", refreshTokenId: "r1" };

async function service(issuer = "https://latch.test") {
  return createTokenService({
    issuer,
    signingKey: await generateSigningKey(),
    accessTtlSeconds: 900,
    refreshTtlSeconds: 86_400,
  });
}

describe("token service", () => {
  it("signs EdDSA tokens with a kid and typed headers", async () => {
    const tokens = await (await service()).issue(subject, now);
    const header = JSON.parse(
      Buffer.from(tokens.access.split(".")[0] ?? "", "base64url").toString(),
    );
    expect(header).toMatchObject({ alg: "EdDSA", typ: "at+jwt" });
    expect(header.kid).toEqual(expect.any(String));
  });

  it("never accepts a refresh token as an access token, nor back", async () => {
    const s = await service();
    const tokens = await s.issue(subject, now);
    expect(await reasonOf(s.verifyAccess(tokens.refresh, now))).toBe("ACCESS_TOKEN_INVALID");
    expect(await reasonOf(s.verifyRefresh(tokens.access, now))).toBe("REFRESH_TOKEN_INVALID");
  });

  it("refuses tokens signed by another key, for another issuer, or unsigned", async () => {
    const s = await service();
    const stranger = await (await service()).issue(subject, now);
    const otherIssuer = await (await service("https://evil.test")).issue(subject, now);
    expect(await reasonOf(s.verifyAccess(stranger.access, now))).toBe("ACCESS_TOKEN_INVALID");
    expect(await reasonOf(s.verifyAccess(otherIssuer.access, now))).toBe("ACCESS_TOKEN_INVALID");

    const [, payload] = (await s.issue(subject, now)).access.split(".");
    const none = `${base64url.encode(JSON.stringify({ alg: "none", typ: "at+jwt" }))}.${payload}.`;
    expect(await reasonOf(s.verifyAccess(none, now))).toBe("ACCESS_TOKEN_INVALID");
  });

  it("refuses an HS256 token forged with the public key as its secret", async () => {
    const s = await service();
    const [publicKey] = s.jwks().keys;
    const forged = await new SignJWT({ sub: "u1", sid: "s1", email: "ann@example.com" })
      .setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: publicKey?.kid ?? "" })
      .setIssuer("https://latch.test")
      .setAudience("latch:access")
      .setJti("x")
      .setIssuedAt(now)
      .setExpirationTime(new Date(now.getTime() + 60_000))
      .sign(new TextEncoder().encode(publicKey?.x ?? ""));
    expect(await reasonOf(s.verifyAccess(forged, now))).toBe("ACCESS_TOKEN_INVALID");
  });

  it("reports expiry distinctly", async () => {
    const s = await service();
    const tokens = await s.issue(subject, now);
    const later = new Date(now.getTime() + 901_000);
    expect(await reasonOf(s.verifyAccess(tokens.access, later))).toBe("ACCESS_TOKEN_EXPIRED");
    expect((await s.verifyRefresh(tokens.refresh, later)).tokenId).toBe("r1");
  });

  it("keeps verifying tokens of a retired key during a rotation, and publishes both keys", async () => {
    const retired = await generateSigningKey();
    const before = await createTokenService({
      issuer: "https://latch.test",
      signingKey: retired,
      accessTtlSeconds: 900,
      refreshTtlSeconds: 86_400,
    });
    const tokens = await before.issue(subject, now);
    const after = await createTokenService({
      issuer: "https://latch.test",
      signingKey: await generateSigningKey(),
      previousPublicKeys: before.jwks().keys,
      accessTtlSeconds: 900,
      refreshTtlSeconds: 86_400,
    });
    expect((await after.verifyRefresh(tokens.refresh, now)).tokenId).toBe("r1");
    expect(after.jwks().keys.map((key) => key.kid)).toContain(retired.kid);
    expect(after.jwks().keys).toHaveLength(2);
  });

  it("publishes only public key material", async () => {
    const { keys } = (await service()).jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(keys[0]).not.toHaveProperty("d");
  });
});
