/**
 * What configuration gives each provider, already validated (composition's
 * env.ts reads OIDC_<ID>_* into this). Kept free of the protocol library so
 * the configuration can import it cheaply.
 */
export interface ProviderSettings {
  /** Lowercase letters, digits and hyphens; a preset's name picks the preset. */
  id: string;
  name: string;
  /** A configured issuer (or, for GitHub, its web base URL); never a URL from a request. */
  issuer: string;
  clientId: string;
  /** Null for Apple, whose client secret is a JWT signed with `apple`. */
  clientSecret: string | null;
  scopes: string;
  trustEmail: boolean;
  /** GitHub only: the REST API base URL. */
  apiUrl?: string;
  /** Apple only: the key that signs the client secret. */
  apple?: { teamId: string; keyId: string; privateKey: string };
}

export type PresetId = "google" | "microsoft" | "apple" | "github";

interface PresetDefaults {
  name: string;
  issuer: string;
  scopes: string;
}

export const DEFAULT_SCOPES = "openid email profile";

export const PRESETS: Record<PresetId, PresetDefaults> = {
  google: { name: "Google", issuer: "https://accounts.google.com", scopes: DEFAULT_SCOPES },
  // The multi-tenant form: work, school and personal accounts alike.
  microsoft: {
    name: "Microsoft",
    issuer: "https://login.microsoftonline.com/common/v2.0",
    scopes: DEFAULT_SCOPES,
  },
  // Apple knows the scopes "name" and "email", not "profile".
  apple: { name: "Apple", issuer: "https://appleid.apple.com", scopes: "openid email name" },
  github: { name: "GitHub", issuer: "https://github.com", scopes: "read:user user:email" },
};

export const GITHUB_API_URL = "https://api.github.com";

export function isPreset(id: string): id is PresetId {
  return Object.hasOwn(PRESETS, id);
}

/** Plain http is for local doubles only: loopback hosts. */
export function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}
