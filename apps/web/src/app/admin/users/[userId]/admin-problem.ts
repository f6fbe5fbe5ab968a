import { type ApiError, readApiError } from "../../../../trpc/api-error";
import type { AdminTranslator } from "../../format";

/** The admin pages' own sentence for a reason, or null to use the API's message (already in the reader's language). */
export function adminMessage(
  t: AdminTranslator,
  { reason }: Pick<ApiError, "reason">,
): string | null {
  switch (reason) {
    case "USER_NOT_FOUND":
      return t("problems.userNotFound");
    case "ALREADY_ACTIVE":
      return t("problems.alreadyActive");
    case "ADMIN_ONLY":
      return t("problems.adminOnly");
    default:
      return null;
  }
}

export function adminProblem(t: AdminTranslator, error: unknown): string {
  const problem = readApiError(error);
  return adminMessage(t, problem) ?? problem.message;
}
