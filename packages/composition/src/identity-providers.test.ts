import { expect, it } from "vitest";
import { parseEnv } from "./env";
import { identityProviders } from "./identity-providers";

it("builds one provider per configured id, in order, with its label and trust setting", () => {
  const env = parseEnv({
    OIDC_PROVIDERS: "acme,github",
    OIDC_ACME_ISSUER: "https://id.acme.example",
    OIDC_ACME_CLIENT_ID: "latch",
    OIDC_ACME_CLIENT_SECRET: "acme-secret",
    OIDC_ACME_NAME: "Acme ID",
    OIDC_ACME_TRUST_EMAIL: "true",
    OIDC_GITHUB_CLIENT_ID: "gh",
    OIDC_GITHUB_CLIENT_SECRET: "gh-secret",
  });
  expect(
    identityProviders(env).map(({ id, name, trustEmail }) => ({ id, name, trustEmail })),
  ).toEqual([
    { id: "acme", name: "Acme ID", trustEmail: true },
    { id: "github", name: "GitHub", trustEmail: false },
  ]);
});

it("builds none when OIDC_PROVIDERS is empty", () => {
  expect(identityProviders(parseEnv({}))).toEqual([]);
});
