import { lookup as dnsLookup } from "node:dns/promises";
import { WebhookRefused } from "@latch/auth/ports";
import ipaddr from "ipaddr.js";
import { refusalOf } from "./address-policy";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (node:dns lookup, as a connection would see it). */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/**
 * The address to connect to for `url`, once every address its host resolves
 * to passed the policy: one refused address refuses the URL (a resolver may
 * answer them in any order). Throws WebhookRefused, with the reason; a host
 * that does not resolve now throws a plain Error (DNS fails for a while too).
 */
export async function resolveAllowed(
  url: URL,
  resolve: Resolve,
  allowPrivateNetworks: boolean,
): Promise<ResolvedAddress> {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new WebhookRefused(`${url.protocol} is not http(s)`);
  }
  // The WHATWG parser already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = ipaddr.isValid(host)
    ? [{ address: host, family: ipaddr.parse(host).kind() === "ipv6" ? 6 : 4 } as const]
    : await resolve(host).catch((error: unknown) => {
        throw new Error(`${host} does not resolve (${codeOf(error)})`);
      });
  const first = addresses[0];
  if (!first) throw new WebhookRefused(`${host} resolves to no address`);
  for (const { address } of addresses) {
    const refusal = refusalOf(address, allowPrivateNetworks);
    if (refusal) throw new WebhookRefused(`${host}: ${refusal}`);
  }
  return first;
}

function codeOf(error: unknown): string {
  return error && typeof error === "object" && "code" in error ? String(error.code) : "error";
}
