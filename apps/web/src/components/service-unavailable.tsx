import { errorData } from "@latch/api";
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

/** A dependency outage, as the reason of a server-side tRPC call's error says; a bug is not one. */
export function isServiceUnavailable(error: unknown): boolean {
  return errorData(error)?.reason === "SERVICE_UNAVAILABLE";
}
