import { ProviderRefused } from "@latch/auth/ports";
import { type FakeOidcProvider, startFakeMicrosoft } from "@latch/fake-oidc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdentityProviders } from "../identity-providers";
import { authorize, newChecks, settings } from "../test-support";

const TENANT_A = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const TENANT_B = "9188040d-6c67-4c5b-b112-36a304b66dad";

let common: FakeOidcProvider;
let single: FakeOidcProvider;
beforeAll(async () => {
  common = await startFakeMicrosoft("common");
  single = await startFakeMicrosoft(TENANT_A);
});
afterAll(async () => {
  await common.close();
  await single.close();
});

const microsoft = (issuer: string) =>
  createIdentityProviders([settings({ id: "microsoft", name: "Microsoft", issuer })], {
    timeoutMs: 1000,
  })[0]!;

async function signIn(fake: FakeOidcProvider) {
  const provider = microsoft(fake.url);
  const checks = newChecks("microsoft");
  return provider.finish(await authorize(provider, checks), checks);
}

describe("the Microsoft preset (Entra ID)", () => {
  it("signs in people of two tenants through the multi-tenant issuer, each under its tenant's issuer", async () => {
    common.signInAs({ sub: "a-sub", tid: TENANT_A, email: "ann@contoso.example" });
    expect(await signIn(common)).toEqual({
      issuer: `https://login.microsoftonline.com/${TENANT_A}/v2.0`,
      subject: "a-sub",
      email: "ann@contoso.example",
      // Entra ID sends no email_verified claim: its addresses never count as verified.
      emailVerified: false,
    });
    common.signInAs({ sub: "b-sub", tid: TENANT_B, email: "bob@outlook.example" });
    expect(await signIn(common)).toMatchObject({
      issuer: `https://login.microsoftonline.com/${TENANT_B}/v2.0`,
      subject: "b-sub",
    });
  });

  it("refuses a token whose issuer names another tenant than its tid", async () => {
    common.signInAs({ sub: "a-sub", tid: TENANT_A });
    common.tamperNextIdToken((claims) => {
      claims.iss = `https://login.microsoftonline.com/${TENANT_B}/v2.0`;
    });
    await expect(signIn(common)).rejects.toBeInstanceOf(ProviderRefused);
  });

  it("refuses a token without a tenant through the multi-tenant issuer", async () => {
    common.signInAs({ sub: "a-sub", tid: TENANT_A });
    common.tamperNextIdToken((claims) => {
      delete claims.tid;
    });
    await expect(signIn(common)).rejects.toBeInstanceOf(ProviderRefused);
  });

  it("accepts only its own tenant's issuer when configured for one tenant", async () => {
    single.signInAs({ sub: "a-sub", tid: TENANT_A });
    expect(await signIn(single)).toMatchObject({
      issuer: `https://login.microsoftonline.com/${TENANT_A}/v2.0`,
    });
    single.signInAs({ sub: "b-sub", tid: TENANT_B });
    single.tamperNextIdToken((claims) => {
      claims.iss = `https://login.microsoftonline.com/${TENANT_B}/v2.0`;
    });
    await expect(signIn(single)).rejects.toBeInstanceOf(ProviderRefused);
  });

  it("sends the browser to the double, not to Entra, when pointed at one", async () => {
    const url = await microsoft(common.url).authorizationUrl(newChecks("microsoft"));
    expect(url.origin).toBe(new URL(common.url).origin);
  });
});
