export { type FakeGitHub, type FakeGitHubUser, startFakeGitHub } from "./fake-github";
export { type FakeOidcProvider, startFakeOidcProvider } from "./fake-oidc-provider";
export { startFakeApple, startFakeMicrosoft } from "./presets";
