/**
 * Just enough of a browser for redirect round trips over plain HTTP: a cookie
 * jar for one origin (Set-Cookie in, Cookie out, Max-Age=0 deletes) and a
 * step that never follows a redirect by itself, so each hop can be checked.
 */
export interface CookieBrowser {
  /** One request with this browser's cookies for `url`'s origin (if it is the app's). */
  go(
    url: string,
    init?: { method?: string; body?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  cookie(name: string): string | undefined;
  /** A copy of the jar in another browser: what an attacker who stole the cookies holds. */
  cookies(): Map<string, string>;
}

export function cookieBrowser(appUrl: string, ip = "203.0.113.50"): CookieBrowser {
  const jar = new Map<string, string>();
  const appOrigin = new URL(appUrl).origin;
  return {
    async go(url, init = {}) {
      const target = new URL(url, appUrl);
      const ours = target.origin === appOrigin;
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
      const response = await fetch(target, {
        method: init.method ?? "GET",
        redirect: "manual",
        headers: {
          accept: "text/html",
          ...(ours ? { "x-forwarded-for": ip, origin: appOrigin } : {}),
          ...(ours && cookie ? { cookie } : {}),
          ...init.headers,
        },
        ...(init.body ? { body: init.body } : {}),
      });
      if (ours) {
        for (const line of response.headers.getSetCookie()) {
          const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
          const at = pair.indexOf("=");
          const name = pair.slice(0, at);
          const value = pair.slice(at + 1);
          const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute));
          if (expired || value === "") jar.delete(name);
          else jar.set(name, value);
        }
      }
      return response;
    },
    cookie: (name) => jar.get(name),
    cookies: () => new Map(jar),
  };
}

/** The Location of a redirect, resolved against the request's URL; fails the test otherwise. */
export function locationOf(response: Response, base: string): URL {
  const location = response.headers.get("location");
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new Error(`expected a redirect, got ${response.status}`);
  }
  return new URL(location, base);
}
