import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialDescriptorJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";

/** A credential the ceremony names (to exclude, or to allow). */
interface CredentialDescriptor {
  id: string;
  type: "public-key";
  transports: string[];
}

/**
 * Exactly what Latch sends to navigator.credentials.create(): the library's
 * options, less what Latch never asks for (hints, attestation formats), so
 * the API documents a closed shape.
 */
export interface PasskeyCreationOptions {
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  challenge: string;
  pubKeyCredParams: { alg: number; type: "public-key" }[];
  timeout: number;
  attestation: "none";
  excludeCredentials: CredentialDescriptor[];
  authenticatorSelection: { residentKey: "required"; userVerification: "required" };
}

/** Exactly what Latch sends to navigator.credentials.get(). */
export interface PasskeyRequestOptions {
  challenge: string;
  rpId: string;
  timeout: number;
  userVerification: "required";
  allowCredentials: CredentialDescriptor[];
}

const descriptors = (list: PublicKeyCredentialDescriptorJSON[] | undefined) =>
  (list ?? []).map(({ id, transports }) => ({
    id,
    type: "public-key" as const,
    transports: transports ?? [],
  }));

export function creationOptions(
  options: PublicKeyCredentialCreationOptionsJSON,
  rp: { id: string; name: string },
): PasskeyCreationOptions {
  return {
    rp,
    user: options.user,
    challenge: options.challenge,
    pubKeyCredParams: options.pubKeyCredParams.map(({ alg }) => ({ alg, type: "public-key" })),
    timeout: options.timeout ?? 300_000,
    attestation: "none",
    excludeCredentials: descriptors(options.excludeCredentials),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  };
}

export function requestOptions(
  options: PublicKeyCredentialRequestOptionsJSON,
  rpId: string,
): PasskeyRequestOptions {
  return {
    challenge: options.challenge,
    rpId,
    timeout: options.timeout ?? 300_000,
    userVerification: "required",
    allowCredentials: descriptors(options.allowCredentials),
  };
}
