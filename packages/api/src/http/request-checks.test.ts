import { describe, expect, it } from "vitest";
import { refuseUnsupported } from "./request-checks";

const request = (method: string, contentType?: string) =>
  new Request("http://localhost/api/trpc/auth.login", {
    method,
    headers: contentType ? { "content-type": contentType } : {},
  });

describe("requests the API never accepts", () => {
  it.each(["PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])(
    "refuses %s with 405 and Allow: GET, POST",
    async (method) => {
      const refused = refuseUnsupported(request(method));
      expect(refused?.status).toBe(405);
      expect(refused?.headers.get("allow")).toBe("GET, POST");
      expect(await refused?.json()).toEqual({
        error: {
          message: "Use GET for queries and POST for mutations.",
          code: -32005,
          data: { code: "METHOD_NOT_SUPPORTED", httpStatus: 405, reason: "METHOD_NOT_SUPPORTED" },
        },
      });
    },
  );

  it.each([
    ["POST", undefined],
    ["POST", "text/plain"],
    ["POST", "multipart/form-data; boundary=x"],
    ["POST", "application/octet-stream"],
    ["GET", "application/x-www-form-urlencoded"],
  ])("refuses %s with content type %s as 415", async (method, type) => {
    const refused = refuseUnsupported(request(method, type));
    expect(refused?.status).toBe(415);
    expect(await refused?.json()).toMatchObject({
      error: {
        data: { code: "UNSUPPORTED_MEDIA_TYPE", httpStatus: 415, reason: "UNSUPPORTED_MEDIA_TYPE" },
      },
    });
  });

  it.each([
    ["GET", undefined],
    ["GET", "application/json"],
    ["POST", "application/json"],
    ["POST", "Application/JSON; charset=utf-8"],
  ])("lets %s with content type %s through to tRPC", (method, type) => {
    expect(refuseUnsupported(request(method, type))).toBeNull();
  });
});
