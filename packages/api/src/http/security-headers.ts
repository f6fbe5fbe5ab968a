/**
 * The security headers of every answer Latch gives: pages (set by the web
 * app's proxy, with a per-request script nonce) and API answers (set by the
 * API's own handlers). Pure functions, no imports, so the proxy stays light.
 */

/** Two years, the preload list's minimum; only ever sent when APP_URL is https. */
const HSTS = "max-age=63072000; includeSubDomains";

/** Nothing here needs a device or a payment sheet. Passkeys (publickey-credentials-*) stay allowed. */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

/** JSON is never a document: it may load nothing and be framed by nobody. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Pages whose URL path holds a one-time key (an emailed link). */
const KEY_PAGE = /^\/(activate|reset-password|confirm-email|login\/email)\/[^/]+\/?$/;

export const isHttps = (appUrl: string): boolean => new URL(appUrl).protocol === "https:";

/** 128 random bits, base64: what a CSP nonce must be (unguessable, fresh per response). */
export function mintNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

function sharedHeaders(appUrl: string): Record<string, string> {
  return {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(isHttps(appUrl) ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

export interface PagePolicyOptions {
  nonce: string;
  appUrl: string;
  /** `next dev`: React evaluates code for its error overlay and Next injects styles at run time. */
  development: boolean;
}

export function pageContentSecurityPolicy({
  nonce,
  appUrl,
  development,
}: PagePolicyOptions): string {
  // 'strict-dynamic' trusts what the nonced scripts load (Next's chunks); 'self' is the
  // fallback for browsers without CSP 3, which ignore it when 'strict-dynamic' is present.
  const script = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"];
  if (development) script.push("'unsafe-eval'");
  const style = development ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`];
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    `style-src ${style.join(" ")}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps(appUrl) ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Headers for an HTML page. Key pages send no Referer at all. Not every page:
 * under `no-referrer` a form post (and an older browser's fetch) says
 * `Origin: null`, which the CSRF check refuses.
 */
export function pageSecurityHeaders(
  pathname: string,
  options: PagePolicyOptions,
): Record<string, string> & { "Content-Security-Policy": string } {
  return {
    ...sharedHeaders(options.appUrl),
    "Content-Security-Policy": pageContentSecurityPolicy(options),
    "Referrer-Policy": KEY_PAGE.test(pathname) ? "no-referrer" : "strict-origin-when-cross-origin",
  };
}

export interface ApiHeaderOptions {
  appUrl: string;
  /** Defaults to no-store: API answers carry tokens and personal data. */
  cacheControl?: string;
}

export function apiSecurityHeaders({
  appUrl,
  cacheControl = "no-store",
}: ApiHeaderOptions): Record<string, string> {
  return {
    ...sharedHeaders(appUrl),
    "Content-Security-Policy": API_CSP,
    "Referrer-Policy": "no-referrer",
    "Cache-Control": cacheControl,
  };
}

/** The same answer with the API's security headers set (replacing any of the same name). */
export function secureApiResponse(response: Response, options: ApiHeaderOptions): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(apiSecurityHeaders(options))) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
