import { describe, expect, expectTypeOf, it } from "vitest";
import { appRouter } from "../root";
import { documentedOutputs, type OutputMismatches } from "./openapi-outputs";

describe("the documented answers of the OpenAPI document's procedures", () => {
  it("match what each procedure answers, type for type (checked by tsc)", () => {
    expectTypeOf<OutputMismatches>().toEqualTypeOf<never>();
  });

  it("exist for every auth.* procedure and session.inspectLink, and no other", () => {
    const procedures = Object.keys(appRouter._def.procedures).filter(
      (name) => name.startsWith("auth.") || name === "session.inspectLink",
    );
    expect(Object.keys(documentedOutputs).sort()).toEqual(procedures.sort());
  });
});
