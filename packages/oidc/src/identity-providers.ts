import type { IdentityProvider } from "@latch/auth/ports";
import type { ProviderTiming } from "./oidc-provider";
import { createOidcProvider } from "./oidc-provider";
import { apple } from "./presets/apple";
import { github } from "./presets/github";
import { google } from "./presets/google";
import { microsoft } from "./presets/microsoft";
import type { ProviderSettings } from "./settings";

const presets = { google, microsoft, apple, github } as const;

export interface ProviderOptions {
  /** Deadline of each request to a provider. */
  timeoutMs: number;
  /** Wait this long after a failed discovery before fetching again (default 10 s). */
  retryAfterMs?: number;
  now?: () => number;
}

/** One IdentityProvider per configured provider, in the configured order. */
export function createIdentityProviders(
  settings: readonly ProviderSettings[],
  options: ProviderOptions,
): IdentityProvider[] {
  const timing: ProviderTiming = {
    timeoutMs: options.timeoutMs,
    retryAfterMs: options.retryAfterMs ?? 10_000,
    now: options.now ?? Date.now,
  };
  return settings.map((provider) => {
    const preset = Object.hasOwn(presets, provider.id)
      ? presets[provider.id as keyof typeof presets]
      : null;
    if (preset) return preset(provider, timing);
    return createOidcProvider({
      id: provider.id,
      name: provider.name,
      trustEmail: provider.trustEmail,
      issuer: new URL(provider.issuer),
      clientId: provider.clientId,
      clientAuth: provider.clientSecret ?? "",
      scopes: provider.scopes,
      timing,
    });
  });
}
