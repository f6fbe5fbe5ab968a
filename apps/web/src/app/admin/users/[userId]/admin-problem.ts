import { type ApiError, readApiError } from "../../../../trpc/api-error";

/** What an admin action's failure says, by reason; anything else in the API's own words. */
const BY_REASON: Record<string, string> = {
  USER_NOT_FOUND: "This account no longer exists.",
  ALREADY_ACTIVE: "This account is already active: there is nothing to resend.",
  ADMIN_ONLY: "You are no longer an admin. Reload the page.",
};

/** The admin pages' own sentence for a reason, or null to use the API's message. */
export function adminMessage({ reason }: Pick<ApiError, "reason">): string | null {
  return BY_REASON[reason] ?? null;
}

export function adminProblem(error: unknown): string {
  const problem = readApiError(error);
  return adminMessage(problem) ?? problem.message;
}
