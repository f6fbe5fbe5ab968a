import { describe, expect, it } from "vitest";
import {
  type AuthorizationChecks,
  type IdentityProvider,
  type ProviderProfile,
  ProviderRefused,
  ProviderUnavailable,
} from "../ports/identity-provider";
import { authenticate } from "../sessions/authenticate";
import { createHarness, type Harness, meta, reasonOf } from "../test-harness";
import { beginProviderSignIn, completeProviderSignIn } from "./provider-callback";

/**
 * The port's double: it answers with the profile the test sets, after
 * checking that the callback brought back the checks the first leg handed out
 * (what openid-client does against the real provider, tested in packages/oidc).
 */
function scriptedProvider(id = "acme") {
  const handedOut = new Map<string, AuthorizationChecks>();
  let answer: () => Promise<ProviderProfile> = async () => ({
    issuer: "https://id.acme.test",
    subject: "subject-1",
    email: "ann@example.com",
    emailVerified: true,
  });
  const provider: IdentityProvider = {
    id,
    name: "Acme ID",
    trustEmail: false,
    async authorizationUrl(checks) {
      handedOut.set(checks.state, checks);
      return new URL(`https://id.acme.test/authorize?state=${checks.state}`);
    },
    async finish(_callback, checks) {
      expect(checks).toEqual(handedOut.get(checks.state));
      return answer();
    },
  };
  return {
    provider,
    answerWith(next: () => Promise<ProviderProfile>) {
      answer = next;
    },
  };
}

const withProviders = (h: Harness, providers: IdentityProvider[]) => {
  h.deps.identityProviders = providers;
  return h.deps;
};

const callbackUrl = new URL("https://latch.test/api/auth/oidc/acme/callback?code=c");

describe("a provider's round trip", () => {
  it("binds the checks to the state and the redirect URI under APP_URL", async () => {
    const h = await createHarness();
    const { provider } = scriptedProvider();
    const { url, state } = await beginProviderSignIn(withProviders(h, [provider]), {
      providerId: "acme",
      connectTo: null,
      returnTo: "/account",
    });
    expect(url.searchParams.get("state")).toBe(state);
    const result = await completeProviderSignIn(
      withProviders(h, [provider]),
      { providerId: "acme", state, url: callbackUrl, signedInUserId: null },
      meta,
    );
    expect(result).toMatchObject({ providerName: "Acme ID", returnTo: "/account" });
    if ("status" in result) throw new Error("expected a session");
    expect((await authenticate(h.deps, result.tokens.access)).email).toBe("ann@example.com");
  });

  it("keeps no secret in the key store: the state hashed, the verifier and nonce derived", async () => {
    const h = await createHarness();
    const { provider } = scriptedProvider();
    const written: string[] = [];
    const set = h.deps.keys.set.bind(h.deps.keys);
    h.deps.keys.set = (key, value, ttl) => {
      written.push(key, value);
      return set(key, value, ttl);
    };
    const { state } = await beginProviderSignIn(withProviders(h, [provider]), {
      providerId: "acme",
      connectTo: null,
      returnTo: null,
    });
    expect(written).toHaveLength(2);
    expect(written.join("\n")).not.toContain(state);
  });

  it("signs nobody in on a replayed callback, on an unknown state, or through another provider", async () => {
    const h = await createHarness();
    const acme = scriptedProvider();
    const other = scriptedProvider("other");
    const providers = [acme.provider, other.provider];
    const { state } = await beginProviderSignIn(withProviders(h, providers), {
      providerId: "acme",
      connectTo: null,
      returnTo: null,
    });
    const finish = (providerId: string, withState: string) =>
      completeProviderSignIn(
        withProviders(h, providers),
        { providerId, state: withState, url: callbackUrl, signedInUserId: null },
        meta,
      );
    expect(await reasonOf(finish("other", state))).toBe("PROVIDER_SIGN_IN_INVALID");
    // The state was spent by the attempt above: even the right provider cannot use it now.
    expect(await reasonOf(finish("acme", state))).toBe("PROVIDER_SIGN_IN_INVALID");
    expect(await reasonOf(finish("acme", "never-issued"))).toBe("PROVIDER_SIGN_IN_INVALID");
    expect(await reasonOf(finish("nobody", state))).toBe("PROVIDER_NOT_FOUND");
  });

  it("completes one of 30 parallel replays of a callback", async () => {
    const h = await createHarness();
    const { provider } = scriptedProvider();
    const { state } = await beginProviderSignIn(withProviders(h, [provider]), {
      providerId: "acme",
      connectTo: null,
      returnTo: null,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        completeProviderSignIn(
          withProviders(h, [provider]),
          { providerId: "acme", state, url: callbackUrl, signedInUserId: null },
          { ...meta, ip: `198.51.100.${i + 1}` },
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
  });

  it("answers PROVIDER_SIGN_IN_INVALID when the provider's answer is refused, PROVIDER_UNAVAILABLE when it is down", async () => {
    const h = await createHarness();
    const scripted = scriptedProvider();
    const round = async () => {
      const { state } = await beginProviderSignIn(withProviders(h, [scripted.provider]), {
        providerId: "acme",
        connectTo: null,
        returnTo: null,
      });
      return completeProviderSignIn(
        withProviders(h, [scripted.provider]),
        { providerId: "acme", state, url: callbackUrl, signedInUserId: null },
        meta,
      );
    };
    scripted.answerWith(() => Promise.reject(new ProviderRefused("nonce mismatch")));
    expect(await reasonOf(round())).toBe("PROVIDER_SIGN_IN_INVALID");
    scripted.answerWith(() => Promise.reject(new ProviderUnavailable("token endpoint timed out")));
    expect(await reasonOf(round())).toBe("PROVIDER_UNAVAILABLE");
    expect(await h.deps.db.users.findByEmail("ann@example.com")).toBeNull();
  });

  it("connects only in the session that started the connection", async () => {
    const h = await createHarness();
    const { provider } = scriptedProvider();
    const ann = await h.activeUser("ann@example.com");
    const start = () =>
      beginProviderSignIn(withProviders(h, [provider]), {
        providerId: "acme",
        connectTo: ann.user.id,
        returnTo: "/account",
      });
    const finish = (state: string, signedInUserId: string | null) =>
      completeProviderSignIn(
        withProviders(h, [provider]),
        { providerId: "acme", state, url: callbackUrl, signedInUserId },
        meta,
      );
    expect(await reasonOf(finish((await start()).state, null))).toBe("PROVIDER_SIGN_IN_INVALID");
    expect(await finish((await start()).state, ann.user.id)).toMatchObject({ status: "connected" });
    expect(await h.deps.db.identities.listOfUser(ann.user.id)).toHaveLength(1);
  });

  it("counts callbacks against the client's login limit before asking the provider", async () => {
    const h = await createHarness();
    const scripted = scriptedProvider();
    let asked = 0;
    scripted.answerWith(() => {
      asked++;
      return Promise.reject(new ProviderRefused("bad code"));
    });
    const limit = h.deps.policy.limits.loginsPerClient.limit;
    const reasons = await Promise.all(
      Array.from({ length: limit + 5 }, async () => {
        const { state } = await beginProviderSignIn(withProviders(h, [scripted.provider]), {
          providerId: "acme",
          connectTo: null,
          returnTo: null,
        });
        return reasonOf(
          completeProviderSignIn(
            withProviders(h, [scripted.provider]),
            { providerId: "acme", state, url: callbackUrl, signedInUserId: null },
            meta,
          ),
        );
      }),
    );
    expect(reasons.filter((reason) => reason === "RATE_LIMITED")).toHaveLength(5);
    expect(asked).toBe(limit);
  });
});
