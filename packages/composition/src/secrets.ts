import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateSigningKey, type SigningKey } from "@latch/auth";
import { calculateJwkThumbprint, type JWK } from "jose";
import { z } from "zod";
import { ConfigError } from "./env";

const privateJwkSchema = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().min(1),
  d: z.string().min(1),
  kid: z.string().min(1).optional(),
});

/** JWT_PRIVATE_KEY holds a private Ed25519 JWK as JSON (`pnpm keys:generate` prints one). */
export async function parseSigningKey(json: string): Promise<SigningKey> {
  let parsed: z.infer<typeof privateJwkSchema>;
  try {
    parsed = privateJwkSchema.parse(JSON.parse(json));
  } catch {
    // Never echo the value: it is a private key.
    throw new ConfigError(
      "Invalid configuration:\n  JWT_PRIVATE_KEY: must be a private Ed25519 JWK in JSON (run `pnpm keys:generate`)",
    );
  }
  const kid = parsed.kid ?? (await calculateJwkThumbprint(parsed));
  return { kid, privateJwk: { ...parsed, kid, alg: "EdDSA", use: "sig" } };
}

const publicJwkSchema = z
  .object({
    kty: z.literal("OKP"),
    crv: z.literal("Ed25519"),
    x: z.string().min(1),
    kid: z.string().min(1),
  })
  .strict();

/**
 * JWT_PREVIOUS_PUBLIC_KEYS: the public JWKs (as /.well-known/jwks.json shows
 * them) of keys retired by a rotation. Private material is refused outright.
 */
export function parsePreviousPublicKeys(json: string | undefined): JWK[] {
  if (!json) return [];
  try {
    return z
      .array(
        publicJwkSchema.extend({
          alg: z.literal("EdDSA").optional(),
          use: z.literal("sig").optional(),
        }),
      )
      .parse(JSON.parse(json));
  } catch {
    throw new ConfigError(
      "Invalid configuration:\n  JWT_PREVIOUS_PUBLIC_KEYS: must be a JSON array of public Ed25519 JWKs, each with a kid",
    );
  }
}

interface DevSecrets {
  authSecret: string;
  signingKey: SigningKey;
}

/**
 * Without configured secrets (development, embedded mode) Latch makes its own
 * once and keeps them under the data directory, so sessions survive restarts.
 */
export async function loadOrCreateDevSecrets(dataDir: string): Promise<DevSecrets> {
  const file = join(dataDir, "dev-secrets.json");
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as {
      authSecret: string;
      signingKey: string;
    };
    return { authSecret: stored.authSecret, signingKey: await parseSigningKey(stored.signingKey) };
  } catch {
    const secrets = {
      authSecret: randomBytes(32).toString("base64url"),
      signingKey: await generateSigningKey(),
    };
    await mkdir(dataDir, { recursive: true });
    const stored = {
      authSecret: secrets.authSecret,
      signingKey: JSON.stringify(secrets.signingKey.privateJwk),
    };
    await writeFile(file, JSON.stringify(stored), { mode: 0o600 });
    await chmod(file, 0o600);
    return secrets;
  }
}
