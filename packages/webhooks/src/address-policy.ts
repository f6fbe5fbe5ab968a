import ipaddr from "ipaddr.js";

/**
 * Cloud metadata services: they hand out credentials to whatever asks from
 * inside the machine. Refused even with private networks allowed, since no
 * development setup posts webhooks to them. Most sit in ranges refused anyway;
 * Azure's WireServer is a public address.
 */
const METADATA_ADDRESSES = new Set([
  "169.254.169.254", // AWS, GCP, Azure, OpenStack, DigitalOcean, ...
  "169.254.170.2", // AWS ECS task metadata
  "fd00:ec2::254", // AWS, over IPv6
  "100.100.100.200", // Alibaba Cloud
  "168.63.129.16", // Azure WireServer
  "192.0.0.192", // Oracle Cloud
]);

/**
 * Why Latch must not post to this address, or null when it may. Only
 * ipaddr.js's "unicast" (ordinary public) range passes: loopback, private,
 * link-local, unique-local, CGNAT, unspecified, multicast, reserved and the
 * IPv6 ranges that embed an IPv4 address (6to4, Teredo, NAT64) are refused,
 * an IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 * `allowPrivateNetworks` (development, tests) lifts all but the metadata rule.
 */
export function refusalOf(address: string, allowPrivateNetworks: boolean): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  // RFC 5952's short form for IPv6, dotted decimal for IPv4: how the list above is written.
  const normalized = parsed.toString();
  if (METADATA_ADDRESSES.has(normalized)) return `${normalized} is a cloud metadata address`;
  if (allowPrivateNetworks) return null;
  const range = parsed.range();
  return range === "unicast" ? null : `${normalized} is not a public address (${range})`;
}
