import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTokenService, generateSigningKey, type TokenService } from "@latch/auth";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { createAccessTokenVerifier, LatchTokenError } from "./verify-access-token";

const subject = {
  userId: "3f0c6d3e-8a1b-4d2a-9c57-0f3e1a2b4c5d",
  email: "ann@example.com",
  sessionId: "6a1e2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b",
  refreshTokenId: "r1",
};

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** Latch's token service behind a JWKS endpoint on loopback; counts key fetches. */
async function latchLike(options: { jwksStatus?: number } = {}) {
  const signingKey = await generateSigningKey();
  let fetches = 0;
  const server = createServer((request, response) => {
    if (request.url === "/.well-known/jwks.json") {
      fetches++;
      response.writeHead(options.jwksStatus ?? 200, { "content-type": "application/json" });
      response.end(JSON.stringify(tokens.jwks()));
      return;
    }
    response.writeHead(404).end();
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens: TokenService = await createTokenService({
    issuer,
    signingKey,
    accessTtlSeconds: 900,
    refreshTtlSeconds: 86_400,
  });
  return { issuer, tokens, signingKey, fetches: () => fetches };
}

async function reasonOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LatchTokenError) return error.reason;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("verifying Latch access tokens in another service", () => {
  it("accepts an access token with its claims, and fetches the keys once", async () => {
    const latch = await latchLike();
    const verifier = createAccessTokenVerifier({ issuer: latch.issuer });
    const { access } = await latch.tokens.issue(subject, new Date());
    const claims = await verifier.verify(access);
    expect(claims).toMatchObject({
      userId: subject.userId,
      email: subject.email,
      sessionId: subject.sessionId,
    });
    expect(claims.expiresAt.getTime() - claims.issuedAt.getTime()).toBe(900_000);
    await verifier.verify(access);
    expect(latch.fetches()).toBe(1);
  });

  it("refuses a refresh token, another issuer's token, an expired one and a forged one", async () => {
    const latch = await latchLike();
    const verifier = createAccessTokenVerifier({ issuer: latch.issuer });
    const { refresh } = await latch.tokens.issue(subject, new Date());
    expect(await reasonOf(verifier.verify(refresh))).toBe("ACCESS_TOKEN_INVALID");

    const other = await latchLike();
    const { access: elsewhere } = await other.tokens.issue(subject, new Date());
    expect(await reasonOf(verifier.verify(elsewhere))).toBe("ACCESS_TOKEN_INVALID");

    const { access: old } = await latch.tokens.issue(subject, new Date(Date.now() - 3_600_000));
    expect(await reasonOf(verifier.verify(old))).toBe("ACCESS_TOKEN_EXPIRED");

    const unsigned = `${btoa(JSON.stringify({ alg: "none", typ: "at+jwt" }))}.${btoa(
      JSON.stringify({ sub: subject.userId, iss: latch.issuer, aud: "latch:access" }),
    )}.`;
    expect(await reasonOf(verifier.verify(unsigned))).toBe("ACCESS_TOKEN_INVALID");

    // Signed with Latch's own key but the wrong audience: still refused.
    const { importJWK } = await import("jose");
    const key = await importJWK(latch.signingKey.privateJwk, "EdDSA");
    const wrongAudience = await new SignJWT({ sid: subject.sessionId, email: subject.email })
      .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid: latch.signingKey.privateJwk.kid })
      .setSubject(subject.userId)
      .setIssuer(latch.issuer)
      .setAudience("someone-else")
      .setJti("j")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key);
    expect(await reasonOf(verifier.verify(wrongAudience))).toBe("ACCESS_TOKEN_INVALID");
  });

  it("says SERVICE_UNAVAILABLE, not invalid, when Latch's keys cannot be fetched", async () => {
    const latch = await latchLike({ jwksStatus: 503 });
    const { access } = await latch.tokens.issue(subject, new Date());
    const verifier = createAccessTokenVerifier({ issuer: latch.issuer });
    expect(await reasonOf(verifier.verify(access))).toBe("SERVICE_UNAVAILABLE");
    const nowhere = createAccessTokenVerifier({ issuer: "http://127.0.0.1:9" });
    expect(await reasonOf(nowhere.verify(access))).toBe("SERVICE_UNAVAILABLE");
  });
});
