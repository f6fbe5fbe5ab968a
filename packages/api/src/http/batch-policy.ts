import { errorResponse } from "./envelope";

/** Queries are cheap reads; ten of them is more than any page of ours asks for at once. */
export const MAX_QUERY_BATCH = 10;

/**
 * One HTTP request must never buy more work than one call: a batch of 50
 * logins would check 50 passwords under one request's limits. Batches of
 * mutations (any batched POST) are refused outright; batches of queries are
 * capped. Answered before tRPC parses anything.
 */
export function refuseBatch(request: Request, endpoint: string): Response | null {
  const url = new URL(request.url);
  if (url.searchParams.get("batch") !== "1") return null;
  if (request.method === "POST") {
    return batchNotAllowed(request);
  }
  const path = decodeURIComponent(url.pathname.slice(endpoint.length + 1));
  if (path.split(",").length > MAX_QUERY_BATCH) {
    return batchNotAllowed(request);
  }
  return null;
}

function batchNotAllowed(request: Request): Response {
  return errorResponse("BATCH_NOT_ALLOWED", {
    code: "BAD_REQUEST",
    request,
    values: { maxQueries: MAX_QUERY_BATCH },
  });
}
