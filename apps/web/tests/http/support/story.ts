import { expect } from "vitest";
import { failureReason, typedClient, withTokens } from "./client";

export interface StoryOptions {
  url: string;
  /** Returns the activation link of the newest email sent to `email` after `since` emails. */
  activationLink(email: string): Promise<string>;
}

/**
 * The whole story a user and a client live through: signup, email, activate,
 * me, login, refresh, reuse, logout. Run against embedded and real services.
 */
export async function runAuthStory({ url, activationLink }: StoryOptions) {
  let accessToken: string | undefined;
  const client = typedClient(url, () => accessToken);
  const email = `ann.${Date.now()}@example.com`;
  const password = "correct horse battery staple";

  expect(await client.auth.signup.mutate({ email: `  ${email.toUpperCase()} `, password })).toEqual(
    {
      status: "activation_required",
      email,
    },
  );
  const link = await activationLink(email);
  expect(link).toMatch(new RegExp(`^${url}/activate/[A-Za-z0-9_-]{32}$`));
  const key = link.split("/").pop() ?? "";

  expect(await failureReason(client.auth.login.mutate({ email, password }))).toBe(
    "ACCOUNT_NOT_ACTIVATED",
  );

  // The link alone does not activate: the password chosen at signup must come with it.
  expect(
    await failureReason(client.auth.activate.mutate({ key, password: "not my password" })),
  ).toBe("ACTIVATION_PASSWORD_MISMATCH");
  const activated = await client.auth.activate.mutate({ key, password });
  expect(activated.user.email).toBe(email);
  expect(await failureReason(client.auth.activate.mutate({ key, password }))).toBe(
    "ALREADY_ACTIVE",
  );

  accessToken = activated.tokens.access;
  expect((await client.auth.me.query()).user).toEqual(activated.user);

  const loggedIn = withTokens(await client.auth.login.mutate({ email, password }));
  expect(loggedIn.user).toEqual(activated.user);
  expect(await failureReason(client.auth.login.mutate({ email, password: "wrong password" }))).toBe(
    "INVALID_CREDENTIALS",
  );

  const rotated = await client.auth.refresh.mutate({ refresh: loggedIn.tokens.refresh });
  expect(rotated.tokens.refresh).not.toBe(loggedIn.tokens.refresh);
  expect(
    await failureReason(client.auth.refresh.mutate({ refresh: loggedIn.tokens.refresh })),
  ).toBe("REFRESH_TOKEN_REUSED");

  accessToken = activated.tokens.access;
  expect(await client.auth.logout.mutate({ refresh: activated.tokens.refresh })).toEqual({
    status: "logged_out",
  });
  expect(
    await failureReason(client.auth.refresh.mutate({ refresh: activated.tokens.refresh })),
  ).toBe("SESSION_REVOKED");
  expect(await failureReason(client.auth.me.query())).toBe("SESSION_REVOKED");

  return { email, password, user: activated.user, rotated: rotated.tokens, stale: loggedIn.tokens };
}
