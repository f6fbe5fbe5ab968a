import ipaddr from "ipaddr.js";

/**
 * Sessions keep only a coarse network address: enough for a person to
 * recognize "that was me, at home", not enough to locate them. IPv4 keeps
 * its /24, IPv6 its /48; anything else is dropped.
 */
export function coarsenIp(ip: string | null): string | null {
  if (!ip || !ipaddr.isValid(ip)) return null;
  const address = ipaddr.process(ip);
  if (address.kind() === "ipv4") {
    return `${address.toString().split(".").slice(0, 3).join(".")}.0/24`;
  }
  const groups = (address as ipaddr.IPv6).parts.slice(0, 3).map((part) => part.toString(16));
  return `${groups.join(":")}::/48`;
}
