import { type FakeOidcProvider, startFakeOidcProvider } from "@latch/fake-oidc";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createIdentityProviders } from "../identity-providers";
import { PRESETS } from "../settings";
import { authorize, newChecks, settings } from "../test-support";

let fake: FakeOidcProvider;
beforeAll(async () => {
  fake = await startFakeOidcProvider();
});
afterAll(() => fake.close());

it("signs in through the Google preset pointed at a local double", async () => {
  fake.signInAs({ sub: "1098765432", email: "Ann@Gmail.com", email_verified: true });
  const [google] = createIdentityProviders(
    [settings({ id: "google", name: PRESETS.google.name, issuer: fake.url })],
    { timeoutMs: 1000 },
  );
  const checks = newChecks("google");
  const profile = await google!.finish(await authorize(google!, checks), checks);
  expect(profile).toEqual({
    issuer: fake.url,
    subject: "1098765432",
    email: "ann@gmail.com",
    emailVerified: true,
  });
  expect(google!.name).toBe("Google");
});

it("defaults to Google's own issuer", () => {
  expect(PRESETS.google.issuer).toBe("https://accounts.google.com");
});
