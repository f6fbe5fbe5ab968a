export { createIdentityProviders } from "./identity-providers";
