import { describe, expect, it } from "vitest";
import { createHarness } from "../test-harness";
import { purgeExpiredAuditEvents } from "./retention";

describe("audit retention", () => {
  it("deletes events older than the retention and keeps the rest", async () => {
    const h = await createHarness({ auditRetentionDays: 30 });
    const { user } = await h.activeUser();
    const old = (await h.events(user.id)).length;
    h.advance(20 * 86_400);
    await h.activeUser("bob@example.com");
    h.advance(11 * 86_400);
    expect(await purgeExpiredAuditEvents(h.deps)).toEqual({
      auditEventsPurged: old,
      auditEventsBefore: "2026-03-02T12:00:00.000Z",
    });
    expect(await h.events(user.id)).toEqual([]);
    expect((await h.events()).length).toBeGreaterThan(0);
  });
});
