import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";

/** A private Ed25519 JWK (with `d`) and the `kid` tokens name it by. */
export interface SigningKey {
  kid: string;
  privateJwk: JWK;
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(privateJwk);
  return { kid, privateJwk: { ...privateJwk, kid, alg: "EdDSA", use: "sig" } };
}

/** The public half, safe to publish at /.well-known/jwks.json. */
export function publicJwk(key: SigningKey): JWK {
  const { kty, crv, x } = key.privateJwk;
  return { kty, crv, x, kid: key.kid, alg: "EdDSA", use: "sig" };
}
