import { describe, expect, it } from "vitest";
import { cryptoRandom } from "../ports/clock-and-random";
import { newRecoveryCodes, RECOVERY_CODE_COUNT, recoveryCodeHash } from "./recovery-codes";

const authSecret = new TextEncoder().encode("a-test-secret-of-at-least-32-bytes!!");

describe("recovery codes", () => {
  it("are ten codes of 80 bits, in four groups of four characters people can read out", () => {
    const codes = newRecoveryCodes(cryptoRandom);
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(RECOVERY_CODE_COUNT).toBe(10);
    for (const code of codes)
      expect(code).toMatch(/^([0-9a-hjkmnp-tv-z]{4}-){3}[0-9a-hjkmnp-tv-z]{4}$/);
    expect(new Set(codes).size).toBe(10);
  });

  it("hash alike however they are typed: case, spaces, dashes, and letters that look like digits", () => {
    const hash = recoveryCodeHash(authSecret, "0ab1-cdef-ghjk-mnpq");
    expect(recoveryCodeHash(authSecret, " OAB1 CDEF GHJK MNPQ ")).toBe(hash);
    expect(recoveryCodeHash(authSecret, "0abicdefghjkmnpq")).toBe(hash);
    expect(recoveryCodeHash(authSecret, "0abl-cdef-ghjk-mnpq")).toBe(hash);
    expect(recoveryCodeHash(authSecret, "0ab1-cdef-ghjk-mnpr")).not.toBe(hash);
  });

  it("are stored as a keyed hash: another AUTH_SECRET gives another hash, and none holds the code", () => {
    const hash = recoveryCodeHash(authSecret, "0ab1-cdef-ghjk-mnpq");
    const other = new TextEncoder().encode("another-secret-of-at-least-32-bytes!");
    expect(recoveryCodeHash(other, "0ab1-cdef-ghjk-mnpq")).not.toBe(hash);
    expect(hash).not.toContain("0ab1");
  });
});
