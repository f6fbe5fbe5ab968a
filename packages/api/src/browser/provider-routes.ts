import {
  AUTHORIZATION_TTL_SECONDS,
  type AuthDeps,
  AuthError,
  authenticate,
  beginProviderSignIn,
  completeProviderSignIn,
  constantTimeEqual,
  enforceClientLimit,
  isAuthError,
  LINK_TTL_SECONDS,
  OUTAGE_RETRY_AFTER_SECONDS,
  type ProviderCallbackResult,
  takeConnectGrant,
} from "@latch/auth";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createServerContext } from "../context";
import { reasonToCode } from "../errors";
import { readLimitedBody } from "../http/read-limited-body";
import { secureApiResponse } from "../http/security-headers";
import { accountLocaleCookie, sessionCookieHeaders } from "./cookies";
import {
  clearedStateCookie,
  linkCookie,
  readProviderCookies,
  stateCookie,
} from "./provider-cookies";
import { safeReturnTo } from "./return-to";

export interface ProviderRouteOptions {
  deps: AuthDeps;
  trustProxy: boolean;
  /** RETURN_TO_ORIGINS: where `returnTo` may point besides APP_URL. */
  returnToOrigins: readonly string[];
}

/** `/api/auth/oidc/<id>/start` and `/api/auth/oidc/<id>/callback`. */
const PROVIDER_ROUTE = /^\/api\/auth\/oidc\/([a-z0-9-]{1,32})\/(start|callback)$/;

/** Apple posts its callback as a form; a few kilobytes hold any honest one. */
const MAX_FORM_BYTES = 16 * 1024;

/**
 * The two legs of a provider sign-in, as plain HTTP: browsers are redirected
 * to the provider and back. A person always lands on a page (errors on the
 * login page with their reason); a caller that does not accept HTML gets the
 * reason as JSON with its status (503 when the provider is down).
 */
export async function handleProviderRequest(
  request: Request,
  options: ProviderRouteOptions,
): Promise<Response> {
  const url = new URL(request.url);
  const match = url.pathname.match(PROVIDER_ROUTE);
  const { appUrl } = options.deps.policy;
  let response: Response;
  if (!match) {
    response = refusal(request, options.deps, new AuthError("PROVIDER_NOT_FOUND"));
  } else if (match[2] === "callback" && request.method === "POST") {
    response = await formPostToQuery(request, url);
  } else if (request.method !== "GET") {
    response = Response.json({ error: { reason: "METHOD_NOT_SUPPORTED" } }, { status: 405 });
  } else {
    const providerId = match[1] as string;
    response = await (match[2] === "start"
      ? start(request, url, providerId, options)
      : callback(request, url, providerId, options)
    ).catch((error: unknown) => {
      if (!isAuthError(error)) throw error;
      return refusal(request, options.deps, error);
    });
  }
  return secureApiResponse(response, { appUrl });
}

async function start(
  request: Request,
  url: URL,
  providerId: string,
  options: ProviderRouteOptions,
): Promise<Response> {
  const { deps } = options;
  const ctx = createServerContext(request.headers, deps, options);
  // Every start writes a record to the key store: counted like any one-time key.
  await enforceClientLimit(deps, "key-check", ctx.meta.ip);
  // Connecting needs the grant the password recheck gave this account (auth.identities.grantConnect).
  const grant = url.searchParams.get("connect");
  let connectTo: string | null = null;
  if (grant !== null) {
    connectTo = await signedInUserId(deps, ctx.cookies.access);
    if (!connectTo) throw new AuthError("ACCESS_TOKEN_MISSING");
    if ((await takeConnectGrant(deps, grant)) !== connectTo) {
      throw new AuthError("PROVIDER_SIGN_IN_INVALID");
    }
  }
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"), {
    appUrl: deps.policy.appUrl,
    allowedOrigins: options.returnToOrigins,
  });
  const begun = await beginProviderSignIn(deps, { providerId, connectTo, returnTo });
  return redirect(begun.url.toString(), [
    stateCookie(deps.policy.appUrl, begun.state, AUTHORIZATION_TTL_SECONDS),
  ]);
}

async function callback(
  request: Request,
  url: URL,
  providerId: string,
  options: ProviderRouteOptions,
): Promise<Response> {
  const { deps } = options;
  const { appUrl } = deps.policy;
  const ctx = createServerContext(request.headers, deps, options);
  const given = url.searchParams.get("state");
  const expected = readProviderCookies(request.headers.get("cookie"), appUrl).state;
  const cleared = [clearedStateCookie(appUrl)];
  // Only the browser that started the round trip may finish it (login CSRF).
  if (!given || !expected || !constantTimeEqual(given, expected)) {
    return withCookies(refusal(request, deps, new AuthError("PROVIDER_SIGN_IN_INVALID")), cleared);
  }
  // What the provider was told the redirect URI is: APP_URL's, whatever a proxy made of the host.
  const callbackUrl = new URL(`${url.pathname}${url.search}`, appUrl);
  try {
    const result = await completeProviderSignIn(
      deps,
      {
        providerId,
        state: given,
        url: callbackUrl,
        signedInUserId: await signedInUserId(deps, ctx.cookies.access),
      },
      // An account this sign-in creates gets its emails in the request's language.
      { ...ctx.meta, locale: ctx.locale },
    );
    const language =
      "status" in result ? [] : await accountLocaleCookie(deps, result.user.id, ctx.pickedLocale);
    return landing(deps, result, [...cleared, ...language]);
  } catch (error) {
    if (!isAuthError(error)) throw error;
    return withCookies(refusal(request, deps, error), cleared);
  }
}

function landing(deps: AuthDeps, result: ProviderCallbackResult, cookies: string[]): Response {
  const { appUrl, pages } = deps.policy;
  const page = (path: string) => new URL(path, appUrl).toString();
  if (!("status" in result)) {
    const session = sessionCookieHeaders(result.tokens, appUrl, deps.clock.now());
    return redirect(page(result.returnTo ?? pages.account), [...cookies, ...session]);
  }
  switch (result.status) {
    case "connected":
      return redirect(page(result.returnTo ?? `${pages.account}?connected=1`), cookies);
    case "link_required": {
      // The login page asks for this account's login once; the token waits in an HttpOnly cookie.
      const next = new URL(pages.login, appUrl);
      next.searchParams.set("link", result.providerName);
      next.searchParams.set("email", result.email);
      if (result.returnTo) next.searchParams.set("returnTo", result.returnTo);
      return redirect(next.toString(), [
        ...cookies,
        linkCookie(appUrl, result.linkToken, LINK_TTL_SECONDS),
      ]);
    }
    case "second_factor_required": {
      // In the fragment: never sent to a server, never in a Referer.
      const next = new URL(pages.login, appUrl);
      if (result.returnTo) next.searchParams.set("returnTo", result.returnTo);
      next.hash = new URLSearchParams({
        ticket: result.ticket,
        methods: result.methods.join(","),
      }).toString();
      return redirect(next.toString(), cookies);
    }
  }
}

/** The person sees the login page with the reason; a program gets it as JSON with its status. */
function refusal(request: Request, deps: AuthDeps, error: AuthError): Response {
  if (request.headers.get("accept")?.includes("text/html")) {
    const next = new URL(deps.policy.pages.login, deps.policy.appUrl);
    next.searchParams.set("error", error.reason);
    return redirect(next.toString(), []);
  }
  const status = getHTTPStatusCodeFromError(new TRPCError({ code: reasonToCode[error.reason] }));
  const headers: Record<string, string> =
    status === 503 ? { "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS) } : {};
  if (error.retryAfterSeconds) headers["retry-after"] = String(error.retryAfterSeconds);
  return Response.json(
    { error: { message: error.message, data: { reason: error.reason, httpStatus: status } } },
    { status, headers },
  );
}

/**
 * Apple answers with a cross-site form POST, which a SameSite=Lax cookie does
 * not follow; the same parameters as a GET to the same path (a top-level
 * navigation) bring the state cookie along. The code is single-use and bound
 * to our PKCE verifier, so it is no secret worth hiding from the query.
 */
async function formPostToQuery(request: Request, url: URL): Promise<Response> {
  const body = await readLimitedBody(request, MAX_FORM_BYTES);
  if (body === "too_large") {
    return Response.json({ error: { reason: "PAYLOAD_TOO_LARGE" } }, { status: 413 });
  }
  const form = new URLSearchParams(body ? new TextDecoder().decode(body) : "");
  const next = new URL(url.pathname, url);
  for (const name of ["code", "state", "error", "error_description", "iss"]) {
    const value = form.get(name);
    if (value !== null) next.searchParams.set(name, value);
  }
  return redirect(`${next.pathname}${next.search}`, []);
}

async function signedInUserId(deps: AuthDeps, access: string | null): Promise<string | null> {
  if (!access) return null;
  try {
    return (await authenticate(deps, access)).userId;
  } catch (error) {
    if (isAuthError(error) && error.reason === "SERVICE_UNAVAILABLE") throw error;
    return null;
  }
}

function redirect(location: string, cookies: string[]): Response {
  return withCookies(new Response(null, { status: 303, headers: { location } }), cookies);
}

function withCookies(response: Response, cookies: string[]): Response {
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
}
