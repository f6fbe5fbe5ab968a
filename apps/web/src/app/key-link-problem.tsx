import { getTranslations } from "next-intl/server";
import { Card } from "../components/card";
import { ServiceUnavailable } from "../components/service-unavailable";
import type { KeyLinkProblem } from "./key-link-page";

/** What a landing page shows when it cannot tell what its link would do right now. */
export async function KeyLinkProblemCard({ problem }: { problem: KeyLinkProblem }) {
  if (problem.problem === "unavailable") return <ServiceUnavailable />;
  const t = await getTranslations("components.keyLinkProblem");
  // The same steps as the API client's wait message: seconds, then minutes, then hours.
  const seconds = problem.retryAfterSeconds;
  let wait: string;
  if (seconds === null || seconds <= 0) wait = t("waitUnknown");
  else if (seconds < 60) wait = t("waitSeconds", { seconds });
  else {
    const minutes = Math.ceil(seconds / 60);
    wait =
      minutes < 120
        ? t("waitMinutes", { minutes })
        : t("waitHours", { hours: Math.ceil(minutes / 60) });
  }
  return (
    <Card
      title={t("title")}
      intro={
        <p>
          {wait} {t("openAgain")}
        </p>
      }
    />
  );
}
