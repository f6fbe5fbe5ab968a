import { createHash, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

/** Where a ceremony pretends to run, and what the authenticator claims; a test bends these. */
export interface CeremonyOverrides {
  origin?: string;
  rpId?: string;
  userVerified?: boolean;
  /** The signature counter to report (default: one more than last time, or 0 for a non-counting one). */
  counter?: number;
}

interface HeldCredential {
  id: Uint8Array;
  key: KeyObject;
  userHandle: string;
  counter: number;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

/**
 * A FIDO2 authenticator in software (ES256, "none" attestation), for tests
 * that exercise Latch's WebAuthn checks without a browser: it answers
 * options as a browser and a platform authenticator together would.
 */
export function createSoftwareAuthenticator(options: {
  origin: string;
  /** "zero": an authenticator that never counts (reports 0 every time). */
  counting?: "increments" | "zero";
}) {
  const held = new Map<string, HeldCredential>();
  const clientData = (type: string, challenge: string, overrides: CeremonyOverrides) =>
    Buffer.from(
      JSON.stringify({
        type,
        challenge,
        origin: overrides.origin ?? options.origin,
        crossOrigin: false,
      }),
    );
  const nextCounter = (credential: HeldCredential, overrides: CeremonyOverrides) =>
    overrides.counter ?? (options.counting === "zero" ? 0 : credential.counter + 1);

  return {
    register(
      creation: PublicKeyCredentialCreationOptionsJSON,
      overrides: CeremonyOverrides = {},
    ): RegistrationResponseJSON {
      const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      const id = new Uint8Array(crypto.getRandomValues(new Uint8Array(16)));
      const jwk = publicKey.export({ format: "jwk" });
      const cose = cbor(
        new Map<number, CborValue>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(jwk.x ?? "", "base64url")],
          [-3, Buffer.from(jwk.y ?? "", "base64url")],
        ]),
      );
      const attested = Buffer.concat([Buffer.alloc(16), u16(id.length), id, cose]);
      const authData = authenticatorData(creation.rp.id ?? "", 0, overrides, attested);
      held.set(b64url(id), { id, key: privateKey, userHandle: creation.user.id, counter: 0 });
      return {
        id: b64url(id),
        rawId: b64url(id),
        type: "public-key",
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
        response: {
          clientDataJSON: b64url(clientData("webauthn.create", creation.challenge, overrides)),
          attestationObject: b64url(
            cbor(
              new Map<string, CborValue>([
                ["fmt", "none"],
                ["attStmt", new Map()],
                ["authData", authData],
              ]),
            ),
          ),
          transports: ["internal"],
        },
      };
    },

    /** Signs with the first held credential the options allow (any, when they name none). */
    authenticate(
      request: PublicKeyCredentialRequestOptionsJSON,
      overrides: CeremonyOverrides = {},
    ): AuthenticationResponseJSON {
      const allowed = new Set(request.allowCredentials?.map((credential) => credential.id));
      const credential = [...held.values()].find(
        (candidate) => allowed.size === 0 || allowed.has(b64url(candidate.id)),
      );
      if (!credential) throw new Error("The software authenticator holds no allowed credential");
      credential.counter = nextCounter(credential, overrides);
      const authData = authenticatorData(request.rpId ?? "", credential.counter, overrides);
      const data = clientData("webauthn.get", request.challenge, overrides);
      const signature = sign("sha256", Buffer.concat([authData, sha256(data)]), credential.key);
      return {
        id: b64url(credential.id),
        rawId: b64url(credential.id),
        type: "public-key",
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
        response: {
          clientDataJSON: b64url(data),
          authenticatorData: b64url(authData),
          signature: b64url(signature),
          userHandle: credential.userHandle,
        },
      };
    },
  };
}

/** rpIdHash, flags (user present, user verified, attested data), signature counter. */
function authenticatorData(
  rpId: string,
  counter: number,
  overrides: CeremonyOverrides,
  attested?: Buffer,
): Buffer {
  const flags = 0x01 | (overrides.userVerified === false ? 0 : 0x04) | (attested ? 0x40 : 0);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  return Buffer.concat([
    sha256(overrides.rpId ?? rpId),
    Buffer.from([flags]),
    count,
    attested ?? Buffer.alloc(0),
  ]);
}

const u16 = (value: number) => {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
};

type CborValue = number | string | Uint8Array | Map<number | string, CborValue>;

/** The few CBOR types (RFC 8949) a COSE key and an attestation object need. */
function cbor(value: CborValue): Buffer {
  if (typeof value === "number") {
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const entries = [...value].flatMap(([key, item]) => [cbor(key), cbor(item)]);
  return Buffer.concat([head(5, value.size), ...entries]);
}

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  return Buffer.concat([Buffer.from([(major << 5) | 25]), u16(length)]);
}
