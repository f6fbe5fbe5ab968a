import { isIPv4, isIPv6 } from "node:net";

/**
 * Sessions keep only a coarse network address: enough for a person to
 * recognize "that was me, at home", not enough to locate them. IPv4 keeps
 * its /24, IPv6 its /48; anything else is dropped.
 */
export function coarsenIp(ip: string | null): string | null {
  if (!ip) return null;
  if (isIPv4(ip)) return `${ip.split(".").slice(0, 3).join(".")}.0/24`;
  if (isIPv6(ip)) {
    const [head = "", tail = ""] = ip.split("::");
    const headGroups = head ? head.split(":") : [];
    const tailGroups = tail ? tail.split(":") : [];
    const missing = ip.includes("::") ? 8 - headGroups.length - tailGroups.length : 0;
    const groups = [...headGroups, ...Array(missing).fill("0"), ...tailGroups];
    return `${groups.slice(0, 3).join(":")}::/48`;
  }
  return null;
}
