import {
  errors,
  importJWK,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from "jose";
import { AuthError, type AuthErrorReason } from "../errors";
import { publicJwk, type SigningKey } from "./signing-keys";

const ALGORITHM = "EdDSA";
/** Distinct header types and audiences: a refresh token is never accepted as an access token, nor back. */
const KINDS = {
  access: { typ: "at+jwt", audience: "latch:access" },
  refresh: { typ: "refresh+jwt", audience: "latch:refresh" },
} as const;

interface TokenSubject {
  userId: string;
  email: string;
  sessionId: string;
  /** jti of the new refresh token; the session row records it. */
  refreshTokenId: string;
  /** When the session ends: the refresh token never outlives it. */
  sessionExpiresAt?: Date;
}

export interface IssuedTokens {
  access: string;
  refresh: string;
  accessExpiresAt: string;
  refreshExpiresAt: string;
}

export interface AccessClaims {
  userId: string;
  email: string;
  sessionId: string;
  expiresAt: Date;
}

export interface RefreshClaims {
  userId: string;
  sessionId: string;
  tokenId: string;
  expiresAt: Date;
}

export interface TokenService {
  issue(subject: TokenSubject, now: Date): Promise<IssuedTokens>;
  verifyAccess(token: string, now: Date): Promise<AccessClaims>;
  verifyRefresh(token: string, now: Date): Promise<RefreshClaims>;
  jwks(): { keys: JWK[] };
}

export interface TokenServiceOptions {
  issuer: string;
  signingKey: SigningKey;
  /**
   * Public keys of retired signing keys whose tokens may still be in use:
   * during a rotation they keep verifying (and stay published) until the
   * longest token they signed has expired.
   */
  previousPublicKeys?: JWK[];
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export async function createTokenService(options: TokenServiceOptions): Promise<TokenService> {
  const { issuer, signingKey } = options;
  const privateKey = await importJWK(signingKey.privateJwk, ALGORITHM);
  const published = [publicJwk(signingKey), ...(options.previousPublicKeys ?? [])];
  const verificationKeys = new Map(
    await Promise.all(
      published.map(async (jwk) => [jwk.kid, await importJWK(jwk, ALGORITHM)] as const),
    ),
  );
  const keyFor: JWTVerifyGetKey = (header) => {
    const key = header.kid === undefined ? undefined : verificationKeys.get(header.kid);
    if (!key) throw new errors.JWKSNoMatchingKey();
    return key;
  };

  function sign(
    kind: keyof typeof KINDS,
    claims: JWTPayload,
    jti: string,
    now: Date,
    ttl: number,
    notAfter?: Date,
  ) {
    const latest = seconds(now) + ttl;
    const expiresAt = new Date(Math.min(latest, notAfter ? seconds(notAfter) : latest) * 1000);
    const token = new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: signingKey.kid, typ: KINDS[kind].typ })
      .setIssuer(issuer)
      .setAudience(KINDS[kind].audience)
      .setJti(jti)
      .setIssuedAt(seconds(now))
      .setExpirationTime(seconds(expiresAt))
      .sign(privateKey);
    return { token, expiresAt };
  }

  async function verify(kind: keyof typeof KINDS, token: string, now: Date) {
    const reason: Record<"invalid" | "expired", AuthErrorReason> =
      kind === "access"
        ? { invalid: "ACCESS_TOKEN_INVALID", expired: "ACCESS_TOKEN_EXPIRED" }
        : { invalid: "REFRESH_TOKEN_INVALID", expired: "REFRESH_TOKEN_EXPIRED" };
    try {
      const { payload } = await jwtVerify(token, keyFor, {
        algorithms: [ALGORITHM],
        issuer,
        audience: KINDS[kind].audience,
        typ: KINDS[kind].typ,
        currentDate: now,
        requiredClaims: ["sub", "sid", "jti", "exp", "iat"],
      });
      return payload;
    } catch (error) {
      throw new AuthError(error instanceof errors.JWTExpired ? reason.expired : reason.invalid);
    }
  }

  function claimString(payload: JWTPayload, name: string, kind: keyof typeof KINDS): string {
    const value = payload[name];
    if (typeof value !== "string" || value.length === 0) {
      throw new AuthError(kind === "access" ? "ACCESS_TOKEN_INVALID" : "REFRESH_TOKEN_INVALID");
    }
    return value;
  }

  return {
    async issue(subject, now) {
      const access = sign(
        "access",
        { sub: subject.userId, sid: subject.sessionId, email: subject.email },
        crypto.randomUUID(),
        now,
        options.accessTtlSeconds,
      );
      const refresh = sign(
        "refresh",
        { sub: subject.userId, sid: subject.sessionId },
        subject.refreshTokenId,
        now,
        options.refreshTtlSeconds,
        subject.sessionExpiresAt,
      );
      return {
        access: await access.token,
        refresh: await refresh.token,
        accessExpiresAt: access.expiresAt.toISOString(),
        refreshExpiresAt: refresh.expiresAt.toISOString(),
      };
    },
    async verifyAccess(token, now) {
      const payload = await verify("access", token, now);
      return {
        userId: claimString(payload, "sub", "access"),
        sessionId: claimString(payload, "sid", "access"),
        email: claimString(payload, "email", "access"),
        expiresAt: new Date((payload.exp ?? 0) * 1000),
      };
    },
    async verifyRefresh(token, now) {
      const payload = await verify("refresh", token, now);
      return {
        userId: claimString(payload, "sub", "refresh"),
        sessionId: claimString(payload, "sid", "refresh"),
        tokenId: claimString(payload, "jti", "refresh"),
        expiresAt: new Date((payload.exp ?? 0) * 1000),
      };
    },
    jwks: () => ({ keys: published }),
  };
}
