import { type Algorithm, hash, verify } from "@node-rs/argon2";

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a malformed stored hash alike. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends the time of one verification, so an unknown address answers as slowly as a known one. */
  verifyDummy(password: string): Promise<void>;
  /** True when a stored hash was made with other (older, weaker) parameters than today's. */
  needsRehash(passwordHash: string): boolean;
}

export interface Argon2Params {
  /** KiB. OWASP's argon2id floor is 19456 KiB with t=2, p=1. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

const OWASP_ARGON2ID: Argon2Params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

const ARGON2ID = 2 as Algorithm;

export function createArgon2Hasher(params: Argon2Params = OWASP_ARGON2ID): PasswordHasher {
  const options = { ...params, algorithm: ARGON2ID };
  // Computed once, lazily: the dummy must carry the same parameters as real hashes to cost the same.
  let dummyHash: Promise<string> | undefined;

  return {
    hash: (password) => hash(password, options),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
    needsRehash(passwordHash) {
      const match = passwordHash.match(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/);
      if (!match) return true;
      const [, memory, time, lanes] = match.map(Number);
      return (
        memory !== params.memoryCost || time !== params.timeCost || lanes !== params.parallelism
      );
    },
    async verifyDummy(password) {
      dummyHash ??= hash("latch-dummy-password", options);
      await verify(await dummyHash, password).catch(() => false);
    },
  };
}
