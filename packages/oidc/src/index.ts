export { createIdentityProviders, type ProviderOptions } from "./identity-providers";
export {
  DEFAULT_SCOPES,
  GITHUB_API_URL,
  isLoopback,
  isPreset,
  PRESETS,
  type ProviderSettings,
} from "./settings";
