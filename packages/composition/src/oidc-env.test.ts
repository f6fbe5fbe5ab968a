import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const appleKey = generateKeyPairSync("ec", { namedCurve: "P-256" })
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();

/** The message of the ConfigError parseEnv throws ("" when it does not throw). */
function problems(source: Record<string, string>): string {
  try {
    parseEnv(source);
    return "";
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

describe("sign-in provider configuration", () => {
  it("has no providers and a 5-second deadline by default", () => {
    expect(parseEnv({})).toMatchObject({ oidcProviders: [], OIDC_TIMEOUT_MS: 5000 });
  });

  it("reads a generic provider from its OIDC_<ID>_* variables, in the listed order", () => {
    const env = parseEnv({
      OIDC_PROVIDERS: "acme-id, google",
      OIDC_ACME_ID_ISSUER: "https://id.acme.example",
      OIDC_ACME_ID_CLIENT_ID: "latch",
      OIDC_ACME_ID_CLIENT_SECRET: "s3cret-value",
      OIDC_ACME_ID_NAME: "Acme ID",
      OIDC_ACME_ID_SCOPES: "openid  email",
      OIDC_ACME_ID_TRUST_EMAIL: "true",
      OIDC_GOOGLE_CLIENT_ID: "g-client",
      OIDC_GOOGLE_CLIENT_SECRET: "g-secret",
    });
    expect(env.oidcProviders).toEqual([
      {
        id: "acme-id",
        name: "Acme ID",
        issuer: "https://id.acme.example",
        clientId: "latch",
        clientSecret: "s3cret-value",
        scopes: "openid email",
        trustEmail: true,
      },
      {
        id: "google",
        name: "Google",
        issuer: "https://accounts.google.com",
        clientId: "g-client",
        clientSecret: "g-secret",
        scopes: "openid email profile",
        trustEmail: false,
      },
    ]);
  });

  it("fills each preset's issuer, name and scopes, and GitHub's API URL", () => {
    const env = parseEnv({
      OIDC_PROVIDERS: "microsoft,github,apple",
      OIDC_MICROSOFT_CLIENT_ID: "m",
      OIDC_MICROSOFT_CLIENT_SECRET: "m-secret",
      OIDC_GITHUB_CLIENT_ID: "gh",
      OIDC_GITHUB_CLIENT_SECRET: "gh-secret",
      OIDC_APPLE_CLIENT_ID: "com.example.latch",
      OIDC_APPLE_TEAM_ID: "TEAM123456",
      OIDC_APPLE_KEY_ID: "KEY1234567",
      // As written on one line of an env file.
      OIDC_APPLE_PRIVATE_KEY: appleKey.replaceAll("\n", "\\n"),
    });
    expect(env.oidcProviders).toMatchObject([
      { name: "Microsoft", issuer: "https://login.microsoftonline.com/common/v2.0" },
      {
        name: "GitHub",
        issuer: "https://github.com",
        apiUrl: "https://api.github.com",
        scopes: "read:user user:email",
      },
      {
        name: "Apple",
        issuer: "https://appleid.apple.com",
        clientSecret: null,
        apple: { teamId: "TEAM123456", keyId: "KEY1234567", privateKey: appleKey },
      },
    ]);
  });

  it("lets every preset be pointed at a local double on a loopback host", () => {
    const env = parseEnv({
      OIDC_PROVIDERS: "github",
      OIDC_GITHUB_ISSUER: "http://127.0.0.1:4010",
      OIDC_GITHUB_API_URL: "http://localhost:4010",
      OIDC_GITHUB_CLIENT_ID: "gh",
      OIDC_GITHUB_CLIENT_SECRET: "gh-secret",
    });
    expect(env.oidcProviders[0]).toMatchObject({
      issuer: "http://127.0.0.1:4010",
      apiUrl: "http://localhost:4010",
    });
  });

  const acme = {
    OIDC_PROVIDERS: "acme",
    OIDC_ACME_ISSUER: "https://id.acme.example",
    OIDC_ACME_CLIENT_ID: "latch",
    OIDC_ACME_CLIENT_SECRET: "do-not-print-me",
    OIDC_ACME_NAME: "Acme ID",
  };

  it.each([
    ["OIDC_PROVIDERS", { OIDC_PROVIDERS: "Acme_ID" }],
    ["OIDC_PROVIDERS", { OIDC_PROVIDERS: "google,google" }],
    ["OIDC_ACME_ISSUER", { ...acme, OIDC_ACME_ISSUER: "" }],
    ["OIDC_ACME_ISSUER", { ...acme, OIDC_ACME_ISSUER: "http://id.acme.example" }],
    ["OIDC_ACME_ISSUER", { ...acme, OIDC_ACME_ISSUER: "not a url" }],
    ["OIDC_ACME_ISSUER", { ...acme, OIDC_ACME_ISSUER: "https://id.acme.example/?tenant=x" }],
    ["OIDC_ACME_CLIENT_ID", { ...acme, OIDC_ACME_CLIENT_ID: "" }],
    ["OIDC_ACME_CLIENT_SECRET", { ...acme, OIDC_ACME_CLIENT_SECRET: " " }],
    ["OIDC_ACME_NAME", { ...acme, OIDC_ACME_NAME: "" }],
    ["OIDC_ACME_SCOPES", { ...acme, OIDC_ACME_SCOPES: "email profile" }],
    ["OIDC_ACME_TRUST_EMAIL", { ...acme, OIDC_ACME_TRUST_EMAIL: "yes" }],
    ["OIDC_TIMEOUT_MS", { OIDC_TIMEOUT_MS: "10" }],
    [
      "OIDC_MICROSOFT_ISSUER",
      {
        OIDC_PROVIDERS: "microsoft",
        OIDC_MICROSOFT_ISSUER: "https://login.evil.example/common/v2.0",
        OIDC_MICROSOFT_CLIENT_ID: "m",
        OIDC_MICROSOFT_CLIENT_SECRET: "m-secret",
      },
    ],
    [
      "OIDC_APPLE_PRIVATE_KEY",
      {
        OIDC_PROVIDERS: "apple",
        OIDC_APPLE_CLIENT_ID: "com.example.latch",
        OIDC_APPLE_TEAM_ID: "TEAM123456",
        OIDC_APPLE_KEY_ID: "KEY1234567",
        OIDC_APPLE_PRIVATE_KEY:
          "-----BEGIN PRIVATE KEY-----\\nc2VjcmV0\\n-----END PRIVATE KEY-----",
      },
    ],
    ["OIDC_APPLE_TEAM_ID", { OIDC_PROVIDERS: "apple", OIDC_APPLE_CLIENT_ID: "x" }],
  ])("stops startup naming %s, without echoing values", (name, source) => {
    const message = problems(source as Record<string, string>);
    expect(message).toMatch(new RegExp(`\\n  ${name}[.:]`));
    // Provider ids name variables in the message; any other value must not appear.
    for (const [variable, value] of Object.entries(source)) {
      if (variable !== "OIDC_PROVIDERS" && value.trim().length > 4) {
        expect(message).not.toContain(value);
      }
    }
  });
});
