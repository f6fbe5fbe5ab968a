import { describe, expect, expectTypeOf, it } from "vitest";
import { appRouter } from "../root";
import { authOutputs, type OutputMismatches } from "./openapi-outputs";

describe("the documented answers of auth.* procedures", () => {
  it("match what each procedure answers, type for type (checked by tsc)", () => {
    expectTypeOf<OutputMismatches>().toEqualTypeOf<never>();
  });

  it("exist for every auth.* procedure and no other", () => {
    const procedures = Object.keys(appRouter._def.procedures).filter((name) =>
      name.startsWith("auth."),
    );
    expect(Object.keys(authOutputs).sort()).toEqual(procedures.sort());
  });
});
