import type { AppRouter } from "@latch/api";
import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { describe, expect, it, vi } from "vitest";
import {
  cookieRefreshLink,
  createSessionRefresher,
  type RefreshOutcome,
  type SessionRefresher,
} from "./cookie-session";

const session = {
  user: { id: "u1", email: "a@b.co" },
  accessExpiresAt: "2030-01-01T00:00:00.000Z",
  refreshExpiresAt: "2030-01-02T00:00:00.000Z",
};

type Answer = "ok" | "expired";

function unauthorized(reason: string) {
  return new TRPCClientError(reason, {
    result: { error: { code: -32001, message: reason, data: { code: "UNAUTHORIZED", reason } } },
  } as never);
}

/** Stands in for httpLink: answers each call from a script and counts what was sent. */
function scriptedServer(answers: Answer[]) {
  const sent: string[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        sent.push(op.path);
        const answer = answers.shift() ?? "ok";
        if (answer === "expired") {
          observer.error(unauthorized("ACCESS_TOKEN_EXPIRED"));
        } else {
          observer.next({
            result: { type: "data", data: { user: { id: "u1", email: "a@b.co" } } },
          });
          observer.complete();
        }
        return () => undefined;
      });
  return { link, sent };
}

function fakeRefresher(outcome: RefreshOutcome["status"]): SessionRefresher & { calls: number } {
  const refresher = {
    calls: 0,
    async refresh(): Promise<RefreshOutcome> {
      refresher.calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return outcome === "refreshed" ? { status: "refreshed", session } : { status: outcome };
    },
    subscribe: () => () => undefined,
  };
  return refresher;
}

function clientWith(refresher: SessionRefresher, answers: Answer[]) {
  const server = scriptedServer(answers);
  const client = createTRPCClient<AppRouter>({
    links: [cookieRefreshLink(refresher), server.link],
  });
  return { client, sent: server.sent };
}

describe("the refresh-on-unauthorized link, in cookie mode", () => {
  it("refreshes once and retries a call refused for an expired access token", async () => {
    const refresher = fakeRefresher("refreshed");
    const { client, sent } = clientWith(refresher, ["expired", "ok"]);
    await expect(client.auth.me.query()).resolves.toMatchObject({ user: { id: "u1" } });
    expect(refresher.calls).toBe(1);
    expect(sent).toEqual(["auth.me", "auth.me"]);
  });

  it("passes the original error on when the refresh cannot help", async () => {
    const refresher = fakeRefresher("ended");
    const { client, sent } = clientWith(refresher, ["expired"]);
    await expect(client.auth.me.query()).rejects.toMatchObject({
      data: { reason: "ACCESS_TOKEN_EXPIRED" },
    });
    expect(sent).toEqual(["auth.me"]);
  });

  it("retries only once, so a broken session cannot loop", async () => {
    const refresher = fakeRefresher("refreshed");
    const { client, sent } = clientWith(refresher, ["expired", "expired", "ok"]);
    await expect(client.auth.me.query()).rejects.toBeInstanceOf(TRPCClientError);
    expect(refresher.calls).toBe(1);
    expect(sent).toHaveLength(2);
  });

  it("never refreshes around the calls that sign in or out", async () => {
    const refresher = fakeRefresher("refreshed");
    const { client } = clientWith(refresher, ["expired"]);
    await expect(client.session.refresh.mutate()).rejects.toBeInstanceOf(TRPCClientError);
    expect(refresher.calls).toBe(0);
  });

  it("makes concurrent refused calls share one refresh", async () => {
    const callRefresh = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return session;
    });
    const { client, sent } = clientWith(createSessionRefresher(callRefresh), [
      "expired",
      "expired",
    ]);
    await Promise.all([client.auth.me.query(), client.auth.me.query()]);
    expect(callRefresh).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(4);
  });
});
