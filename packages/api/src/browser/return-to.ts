/** Longer addresses are refused rather than trimmed: a cut address could land anywhere. */
const MAX_LENGTH = 2048;

export interface ReturnToPolicy {
  /** Latch's own origin: paths and absolute addresses on it are always allowed. */
  appUrl: string;
  /** Other origins a person may be sent back to (RETURN_TO_ORIGINS). */
  allowedOrigins: readonly string[];
}

/**
 * Where a login or an activation may send the person next (`?returnTo=`):
 * a path on Latch's own origin, or an address on Latch's origin or an
 * allowlisted one, and nothing else, so the parameter can never make Latch
 * an open redirect. Anything doubtful answers null (the caller goes to
 * /account).
 */
export function safeReturnTo(value: unknown, policy: ReturnToPolicy): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (hasHostTrick(value)) return null;
  if (value.startsWith("/")) {
    // "//host" is protocol-relative: another origin.
    if (value.startsWith("//")) return null;
    const resolved = new URL(value, policy.appUrl);
    return resolved.origin === new URL(policy.appUrl).origin ? value : null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  const origins = [new URL(policy.appUrl).origin, ...policy.allowedOrigins];
  return origins.includes(url.origin) ? url.toString() : null;
}

/** Control characters, spaces and backslashes are how browsers are talked into another host. */
function hasHostTrick(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || value[i] === "\\") return true;
  }
  return false;
}
