import { Card } from "../components/card";
import { ServiceUnavailable } from "../components/service-unavailable";
import { waitMessage } from "../trpc/api-error";
import type { KeyLinkProblem } from "./key-link-page";

/** What a landing page shows when it cannot tell what its link would do right now. */
export function KeyLinkProblemCard({ problem }: { problem: KeyLinkProblem }) {
  if (problem.problem === "unavailable") return <ServiceUnavailable />;
  return (
    <Card
      title="Too many attempts"
      intro={<p>{waitMessage(problem.retryAfterSeconds)} Then open the link again.</p>}
    />
  );
}
