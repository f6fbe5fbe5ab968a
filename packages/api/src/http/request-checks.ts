import { errorResponse } from "./envelope";

/** What the API answers to: queries by GET, mutations by POST, nothing else. */
const ALLOWED_METHODS = "GET, POST";

function refusal(
  request: Request,
  reason: "METHOD_NOT_SUPPORTED" | "UNSUPPORTED_MEDIA_TYPE",
  headers: Record<string, string> = {},
): Response {
  return errorResponse(reason, { code: reason, request, headers });
}

/**
 * Refuses, before tRPC sees it, what the API never accepts: a method other
 * than GET or POST, and a body that is not JSON. tRPC itself would also take
 * form data and octet streams, which a cross-site form can send without a
 * preflight; the procedures only ever want JSON.
 */
export function refuseUnsupported(request: Request): Response | null {
  if (request.method !== "GET" && request.method !== "POST") {
    return refusal(request, "METHOD_NOT_SUPPORTED", { allow: ALLOWED_METHODS });
  }
  const type = request.headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase();
  if ((request.method === "POST" || type !== undefined) && type !== "application/json") {
    return refusal(request, "UNSUPPORTED_MEDIA_TYPE");
  }
  return null;
}
