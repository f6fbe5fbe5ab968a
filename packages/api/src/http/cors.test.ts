import { describe, expect, it } from "vitest";
import { answerPreflight, withCorsHeaders } from "./cors";

const allowed = ["https://app.example.com"];
const preflight = (origin: string, method = "POST", headers = "authorization, content-type") =>
  new Request("https://latch.example.com/api/trpc/auth.me", {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": method,
      "access-control-request-headers": headers,
    },
  });

describe("CORS for bearer-token calls from allowlisted front ends", () => {
  it("answers an allowlisted origin's preflight, without credentials", () => {
    const answer = answerPreflight(preflight("https://app.example.com"), allowed);
    expect(answer?.status).toBe(204);
    expect(answer?.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(answer?.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(answer?.headers.get("access-control-allow-headers")).toBe(
      "authorization, content-type, x-request-id",
    );
    expect(answer?.headers.get("access-control-allow-credentials")).toBeNull();
    expect(answer?.headers.get("vary")).toBe("Origin");
  });

  it("leaves every other preflight to the API's own refusal", () => {
    expect(answerPreflight(preflight("https://evil.example.com"), allowed)).toBeNull();
    expect(answerPreflight(preflight("https://app.example.com", "DELETE"), allowed)).toBeNull();
    expect(answerPreflight(preflight("https://app.example.com.evil.test"), allowed)).toBeNull();
    expect(answerPreflight(preflight("null"), allowed)).toBeNull();
    expect(answerPreflight(preflight("https://app.example.com"), [])).toBeNull();
    const plainOptions = new Request("https://latch.example.com/api/trpc/auth.me", {
      method: "OPTIONS",
      headers: { origin: "https://app.example.com" },
    });
    expect(answerPreflight(plainOptions, allowed)).toBeNull();
  });

  it("lets an allowlisted origin read an answer, and names no other origin", () => {
    const headers = new Headers();
    withCorsHeaders(headers, "https://app.example.com", allowed);
    expect(headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(headers.get("access-control-expose-headers")).toBe("retry-after, x-request-id");
    expect(headers.get("vary")).toBe("Origin");

    const other = new Headers();
    withCorsHeaders(other, "https://evil.example.com", allowed);
    expect(other.get("access-control-allow-origin")).toBeNull();
    // Caches must still tell the two apart.
    expect(other.get("vary")).toBe("Origin");
  });
});
