import type { AppRouter } from "@latch/api";
import { createTRPCClient, httpLink, type TRPCClient, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { refreshOnUnauthorizedLink } from "./refresh-link";
import { sessionEffectOf } from "./session-rules";
import { singleFlightRefresh } from "./single-flight-refresh";
import {
  memoryTokenStorage,
  parseStoredTokens,
  type StoredTokens,
  type TokenStorage,
} from "./token-storage";

export interface LatchClientOptions {
  /** Latch's APP_URL, e.g. `https://auth.example.com` (the API is at `/api/trpc`). */
  url: string;
  /** Where the tokens live between calls; memory by default. */
  storage?: TokenStorage;
  /** A fetch of your own (tests, proxies, older runtimes). */
  fetch?: typeof globalThis.fetch;
  /** An access token this close to expiry is refreshed before it is sent (default 30 s). */
  refreshLeewaySeconds?: number;
}

export interface LatchClient {
  /** Every procedure, typed: `latch.api.auth.me.query()`. */
  api: TRPCClient<AppRouter>;
  /** A usable access token (refreshed first when it is about to expire), or null when signed out. */
  accessToken(): Promise<string | null>;
  /** Rotates the tokens now; concurrent callers share one request. Null when signed out. */
  refresh(): Promise<StoredTokens | null>;
  /** Ends the session at Latch and forgets the tokens. */
  logout(): Promise<void>;
  storage: TokenStorage;
}

/** Procedures that never take a bearer token: no header, and no refresh on their account. */
const ANONYMOUS = new Set([
  "auth.signup",
  "auth.activate",
  "auth.refreshActivationKey",
  "auth.resendActivation",
  "auth.login",
  "auth.completeLogin",
  "auth.passwordless.start",
  "auth.passwordless.verify",
  "auth.passkeys.generateAuthenticationOptions",
  "auth.passkeys.verifyAuthenticationResponse",
  "auth.refresh",
  "auth.requestPasswordReset",
  "auth.resetPassword",
  "auth.confirmEmailChange",
]);

/** Successful calls after which this session is over. */
const SESSION_ENDING = new Set(["auth.logout", "auth.deleteAccount"]);

/**
 * A typed Latch client for Node, browsers and edge runtimes: it keeps the
 * tokens a login, activation or refresh returns, sends the access token
 * with every signed-in call, refreshes it shortly before it expires (and
 * once more if Latch still finds it expired), and forgets the session when
 * Latch says it ended.
 */
export function createLatchClient(options: LatchClientOptions): LatchClient {
  const storage = options.storage ?? memoryTokenStorage();
  const apiUrl = `${options.url.replace(/\/+$/, "")}/api/trpc`;
  const leewayMs = (options.refreshLeewaySeconds ?? 30) * 1000;
  const transport = () =>
    httpLink({ url: apiUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });

  // Refreshes go around the session link, so they are never themselves refreshed or captured twice.
  const bare = createTRPCClient<AppRouter>({ links: [transport()] });
  const refresh = singleFlightRefresh(
    storage,
    async (token) => (await bare.auth.refresh.mutate({ refresh: token })).tokens,
    `latch-refresh:${apiUrl}`,
  );

  async function accessToken(): Promise<string | null> {
    const tokens = await storage.get();
    if (!tokens) return null;
    if (Date.parse(tokens.accessExpiresAt) - Date.now() > leewayMs) return tokens.access;
    return (await refresh())?.access ?? null;
  }

  const api = createTRPCClient<AppRouter>({
    links: [
      storageLink(storage),
      refreshOnUnauthorizedLink({
        refresh: async () => (await refresh()) !== null,
        skip: (path) => ANONYMOUS.has(path),
      }),
      httpLink({
        url: apiUrl,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        headers: async ({ op }) => {
          if (ANONYMOUS.has(op.path)) return {};
          const token = await accessToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });

  return {
    api,
    accessToken,
    refresh,
    storage,
    async logout() {
      const tokens = await storage.get();
      if (!tokens) return;
      try {
        await api.auth.logout.mutate({ refresh: tokens.refresh });
      } catch (error) {
        // Already over at Latch: forgetting it here is all that is left to do.
        if (!sessionEffectOf(error)) throw error;
        await storage.clear();
      }
    },
  };
}

/** The `tokens` of an answer, if it carries a session's tokens. */
function tokensIn(data: unknown): StoredTokens | null {
  return typeof data === "object" && data !== null && "tokens" in data
    ? parseStoredTokens(data.tokens)
    : null;
}

/**
 * Keeps storage in step with what Latch answers (before the caller sees the
 * answer, so the next call already uses it), and forgets a session Latch says ended.
 */
function storageLink(storage: TokenStorage): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let settled = Promise.resolve();
        const after = (work: () => unknown, then: () => void) => {
          settled = settled.then(work).then(then, (error) => observer.error(error));
        };
        return next(op).subscribe({
          next: (value) => {
            const data = value.result.type === "data" ? value.result.data : undefined;
            const tokens = tokensIn(data);
            after(
              () =>
                tokens
                  ? storage.set(tokens)
                  : SESSION_ENDING.has(op.path)
                    ? storage.clear()
                    : undefined,
              () => observer.next(value),
            );
          },
          complete: () =>
            after(
              () => undefined,
              () => observer.complete(),
            ),
          error: (error) =>
            after(
              () => (sessionEffectOf(error) === "ended" ? storage.clear() : undefined),
              () => observer.error(error),
            ),
        });
      });
}
