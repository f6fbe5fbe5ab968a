import { isAuthError } from "@latch/auth";
import { pageBranding } from "../server/branding";
import { Card } from "./card";

/**
 * What a server-rendered page shows while a dependency is down, instead of
 * the framework's error page: nothing is wrong with what the person did.
 */
export function ServiceUnavailable() {
  const { appName } = pageBranding();
  return (
    <Card
      title={`${appName} is not answering right now`}
      intro={
        <p>
          A service {appName} depends on is not answering. Nothing you did caused this, and nothing
          was changed. Reload this page in a minute.
        </p>
      }
    />
  );
}

/** A dependency outage, thrown directly or wrapped by a server-side tRPC call; a bug is neither. */
export function isServiceUnavailable(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return [error, cause].some((e) => isAuthError(e) && e.reason === "SERVICE_UNAVAILABLE");
}
