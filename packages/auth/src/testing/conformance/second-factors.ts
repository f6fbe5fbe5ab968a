import { describe, expect, it } from "vitest";
import { at, type Fixtures } from "./fixtures";

const hashes = (prefix: string, count = 10) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

export function secondFactorsContract({ db, createActiveUser }: Fixtures): void {
  /** An active user with a confirmed factor, last used at `step`. */
  const enrolled = async (step = 1000) => {
    const user = await createActiveUser();
    await db().secondFactors.savePendingTotp(user.id, "sealed-1", at(20));
    await db().secondFactors.confirmTotp(user.id, {
      encryptedSecret: "sealed-1",
      step,
      at: at(30),
    });
    return user;
  };

  describe("second factors", () => {
    it("has no factor for a new user", async () => {
      const user = await createActiveUser();
      expect(await db().secondFactors.findTotp(user.id)).toBeNull();
      expect(await db().secondFactors.countRecoveryCodes(user.id)).toBe(0);
    });

    it("keeps a pending factor until a confirmation names its secret", async () => {
      const user = await createActiveUser();
      expect(await db().secondFactors.savePendingTotp(user.id, "sealed-1", at(20))).toBe(true);
      expect(await db().secondFactors.findTotp(user.id)).toEqual({
        userId: user.id,
        encryptedSecret: "sealed-1",
        confirmedAt: null,
        lastUsedStep: null,
        createdAt: at(20),
      });
      // A restarted enrolment replaces the pending secret: the first can no longer be confirmed.
      expect(await db().secondFactors.savePendingTotp(user.id, "sealed-2", at(25))).toBe(true);
      const confirmOld = { encryptedSecret: "sealed-1", step: 7, at: at(30) };
      expect(await db().secondFactors.confirmTotp(user.id, confirmOld)).toBe(false);
      const confirm = { encryptedSecret: "sealed-2", step: 7, at: at(30) };
      expect(await db().secondFactors.confirmTotp(user.id, confirm)).toBe(true);
      expect(await db().secondFactors.findTotp(user.id)).toMatchObject({
        encryptedSecret: "sealed-2",
        confirmedAt: at(30),
        lastUsedStep: 7,
      });
      // Confirmed once: neither confirmed again nor replaced by a new enrolment.
      expect(await db().secondFactors.confirmTotp(user.id, confirm)).toBe(false);
      expect(await db().secondFactors.savePendingTotp(user.id, "sealed-3", at(40))).toBe(false);
      expect((await db().secondFactors.findTotp(user.id))?.encryptedSecret).toBe("sealed-2");
    });

    it("accepts each step once and only steps newer than the last", async () => {
      const user = await enrolled(1000);
      expect(await db().secondFactors.useTotpStep(user.id, 1000)).toBe(false);
      expect(await db().secondFactors.useTotpStep(user.id, 999)).toBe(false);
      expect(await db().secondFactors.useTotpStep(user.id, 1001)).toBe(true);
      expect(await db().secondFactors.useTotpStep(user.id, 1001)).toBe(false);
      expect((await db().secondFactors.findTotp(user.id))?.lastUsedStep).toBe(1001);
    });

    it("lets exactly one of two concurrent uses of one step win", async () => {
      const user = await enrolled(1000);
      const results = await Promise.all([
        db().secondFactors.useTotpStep(user.id, 1001),
        db().secondFactors.useTotpStep(user.id, 1001),
      ]);
      expect(results.sort()).toEqual([false, true]);
    });

    it("never uses a step on a pending factor or a user without one", async () => {
      const user = await createActiveUser();
      expect(await db().secondFactors.useTotpStep(user.id, 5)).toBe(false);
      await db().secondFactors.savePendingTotp(user.id, "sealed-1", at(20));
      expect(await db().secondFactors.useTotpStep(user.id, 5)).toBe(false);
    });

    it("replaces recovery codes as a whole and uses each once", async () => {
      const user = await enrolled();
      await db().secondFactors.replaceRecoveryCodes(user.id, hashes("a"), at(40));
      expect(await db().secondFactors.countRecoveryCodes(user.id)).toBe(10);
      expect(await db().secondFactors.useRecoveryCode(user.id, "a-3")).toBe(true);
      expect(await db().secondFactors.useRecoveryCode(user.id, "a-3")).toBe(false);
      expect(await db().secondFactors.countRecoveryCodes(user.id)).toBe(9);
      await db().secondFactors.replaceRecoveryCodes(user.id, hashes("b", 3), at(50));
      expect(await db().secondFactors.useRecoveryCode(user.id, "a-4")).toBe(false);
      expect(await db().secondFactors.countRecoveryCodes(user.id)).toBe(3);
    });

    it("lets exactly one of two concurrent uses of one recovery code win", async () => {
      const user = await enrolled();
      await db().secondFactors.replaceRecoveryCodes(user.id, hashes("c"), at(40));
      const results = await Promise.all([
        db().secondFactors.useRecoveryCode(user.id, "c-0"),
        db().secondFactors.useRecoveryCode(user.id, "c-0"),
      ]);
      expect(results.sort()).toEqual([false, true]);
    });

    it("never uses another user's recovery code", async () => {
      const owner = await enrolled();
      const other = await enrolled();
      await db().secondFactors.replaceRecoveryCodes(owner.id, hashes("d"), at(40));
      expect(await db().secondFactors.useRecoveryCode(other.id, "d-0")).toBe(false);
      expect(await db().secondFactors.useRecoveryCode(owner.id, "d-0")).toBe(true);
    });

    it("removes the factor with its recovery codes", async () => {
      const user = await enrolled();
      await db().secondFactors.replaceRecoveryCodes(user.id, hashes("e"), at(40));
      expect(await db().secondFactors.removeTotp(user.id)).toBe(true);
      expect(await db().secondFactors.findTotp(user.id)).toBeNull();
      expect(await db().secondFactors.countRecoveryCodes(user.id)).toBe(0);
      expect(await db().secondFactors.removeTotp(user.id)).toBe(false);
    });

    it("deletes a user's factor and codes with the user", async () => {
      const user = await enrolled();
      await db().secondFactors.replaceRecoveryCodes(user.id, hashes("f"), at(40));
      expect(await db().users.delete(user.id)).toBe(true);
      expect(await db().secondFactors.findTotp(user.id)).toBeNull();
      expect(await db().secondFactors.countRecoveryCodes(user.id)).toBe(0);
    });

    it("rolls a confirmation and its recovery codes back together", async () => {
      const user = await createActiveUser();
      await db().secondFactors.savePendingTotp(user.id, "sealed-1", at(20));
      const failure = new Error("fn failed");
      await expect(
        db().transaction(async (tx) => {
          await tx.secondFactors.confirmTotp(user.id, {
            encryptedSecret: "sealed-1",
            step: 3,
            at: at(30),
          });
          await tx.secondFactors.replaceRecoveryCodes(user.id, hashes("g"), at(30));
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect((await db().secondFactors.findTotp(user.id))?.confirmedAt).toBeNull();
      expect(await db().secondFactors.countRecoveryCodes(user.id)).toBe(0);
    });
  });
}
