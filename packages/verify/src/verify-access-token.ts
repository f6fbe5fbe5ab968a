import { createRemoteJWKSet, errors, jwtVerify } from "jose";

/**
 * Latch's access-token contract, as a service beside Latch checks it: EdDSA,
 * header `typ: at+jwt`, `iss` = Latch's APP_URL, `aud` = `latch:access` (a
 * refresh token has another `typ` and `aud`, so it never passes), and the
 * claims below. Keys come from `${issuer}/.well-known/jwks.json`.
 */
const ALGORITHM = "EdDSA";
const ACCESS_TYPE = "at+jwt";
const ACCESS_AUDIENCE = "latch:access";

export interface LatchAccessClaims {
  /** The user's id (`sub`). */
  userId: string;
  email: string;
  /** The session's id (`sid`): what a logout revokes. */
  sessionId: string;
  /** The token's own id (`jti`). */
  tokenId: string;
  issuedAt: Date;
  expiresAt: Date;
}

export type LatchTokenErrorReason =
  | "ACCESS_TOKEN_INVALID"
  | "ACCESS_TOKEN_EXPIRED"
  | "SESSION_REVOKED"
  | "SERVICE_UNAVAILABLE";

export class LatchTokenError extends Error {
  override readonly name = "LatchTokenError";
  constructor(readonly reason: LatchTokenErrorReason) {
    super(reason);
  }
}

export interface VerifyOptions {
  /** Latch's APP_URL, exactly as its tokens carry it in `iss`. */
  issuer: string;
  /**
   * "offline" (the default) checks signature and claims only: a token stays
   * valid after logout until it expires (ACCESS_TOKEN_TTL_SECONDS, 15 min by
   * default). "ask-latch" also asks Latch whether the session still lives
   * (one request to `auth.me`, answered from Latch's memory while its
   * revocation feed is live).
   */
  revocation?: "offline" | "ask-latch";
  /** Seconds of clock difference tolerated on `exp` and `iat`. Default 5. */
  clockToleranceSeconds?: number;
  /** How long fetched keys are trusted before they are fetched again. Default 10 minutes. */
  keysMaxAgeMs?: number;
  /** A deadline for the JWKS fetch and the revocation check. Default 3 s. */
  timeoutMs?: number;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<LatchAccessClaims>;
}

const text = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : null);

/** One verifier per Latch: it keeps the fetched keys (jose's remote JWKS cache) between calls. */
export function createAccessTokenVerifier(options: VerifyOptions): AccessTokenVerifier {
  const issuer = options.issuer.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 3000;
  const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
    cacheMaxAge: options.keysMaxAgeMs ?? 10 * 60_000,
    timeoutDuration: timeoutMs,
  });

  async function claimsOf(token: string): Promise<LatchAccessClaims> {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [ALGORITHM],
        typ: ACCESS_TYPE,
        issuer: options.issuer,
        audience: ACCESS_AUDIENCE,
        clockTolerance: options.clockToleranceSeconds ?? 5,
        requiredClaims: ["sub", "sid", "jti", "exp", "iat"],
      });
      const userId = text(payload.sub);
      const sessionId = text(payload.sid);
      const email = text(payload.email);
      const tokenId = text(payload.jti);
      if (!userId || !sessionId || !email || !tokenId || !payload.exp || !payload.iat) {
        throw new LatchTokenError("ACCESS_TOKEN_INVALID");
      }
      return {
        userId,
        email,
        sessionId,
        tokenId,
        issuedAt: new Date(payload.iat * 1000),
        expiresAt: new Date(payload.exp * 1000),
      };
    } catch (error) {
      if (error instanceof LatchTokenError) throw error;
      if (error instanceof errors.JWTExpired) throw new LatchTokenError("ACCESS_TOKEN_EXPIRED");
      // Keys that cannot be fetched say nothing about the token: the caller should retry.
      if (error instanceof errors.JWKSTimeout || isFetchFailure(error)) {
        throw new LatchTokenError("SERVICE_UNAVAILABLE");
      }
      throw new LatchTokenError("ACCESS_TOKEN_INVALID");
    }
  }

  async function sessionLives(token: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${issuer}/api/trpc/auth.me`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new LatchTokenError("SERVICE_UNAVAILABLE");
    }
    if (response.ok) return;
    const body = (await response.json().catch(() => null)) as {
      error?: { data?: { reason?: unknown } };
    } | null;
    const reason = body?.error?.data?.reason;
    if (reason === "SESSION_REVOKED" || reason === "ACCESS_TOKEN_EXPIRED") {
      throw new LatchTokenError(reason);
    }
    if (response.status === 401) throw new LatchTokenError("ACCESS_TOKEN_INVALID");
    // Latch could not answer (503, or anything unexpected): never "live" by default.
    throw new LatchTokenError("SERVICE_UNAVAILABLE");
  }

  return {
    async verify(token) {
      const claims = await claimsOf(token);
      if (options.revocation === "ask-latch") await sessionLives(token);
      return claims;
    },
  };
}

/**
 * Keys that could not be fetched: a network failure (fetch's TypeError), a
 * timeout, or JWKS answered with something else than 200 and a key set (jose
 * reports those as its generic error; every verdict on the token itself has
 * a class of its own).
 */
function isFetchFailure(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof errors.JOSEError && error.code === "ERR_JOSE_GENERIC")
  );
}
