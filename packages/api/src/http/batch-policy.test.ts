import { describe, expect, it } from "vitest";
import { MAX_QUERY_BATCH, refuseBatch } from "./batch-policy";

const base = "http://latch.test/api/trpc";
const request = (path: string, method = "GET") => new Request(`${base}/${path}`, { method });

describe("batch policy", () => {
  it("refuses any batched POST, whatever it holds", async () => {
    const refused = refuseBatch(request("auth.login,auth.login?batch=1", "POST"), "/api/trpc");
    expect(refused?.status).toBe(400);
    expect(await refused?.json()).toMatchObject({
      error: { data: { reason: "BATCH_NOT_ALLOWED" } },
    });
    expect(refuseBatch(request("auth.login?batch=1", "POST"), "/api/trpc")?.status).toBe(400);
  });

  it(`allows up to ${MAX_QUERY_BATCH} batched queries and refuses more`, () => {
    const paths = (n: number) => Array.from({ length: n }, () => "auth.me").join(",");
    expect(refuseBatch(request(`${paths(MAX_QUERY_BATCH)}?batch=1`), "/api/trpc")).toBeNull();
    expect(refuseBatch(request(`${paths(MAX_QUERY_BATCH + 1)}?batch=1`), "/api/trpc")?.status).toBe(
      400,
    );
    // An encoded comma is still a comma to tRPC.
    const encoded = encodeURIComponent(paths(MAX_QUERY_BATCH + 1));
    expect(refuseBatch(request(`${encoded}?batch=1`), "/api/trpc")?.status).toBe(400);
  });

  it("leaves unbatched calls alone", () => {
    expect(refuseBatch(request("auth.login", "POST"), "/api/trpc")).toBeNull();
  });
});
