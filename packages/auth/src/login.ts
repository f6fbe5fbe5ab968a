import type { LoginInput } from "@latch/validators";
import type { AuthDeps } from "./deps";
import { sha256 } from "./encoding";
import { AuthError } from "./errors";
import { newKeyStamp } from "./one-time-keys";
import { type RequestMeta, type SignedIn, startSession } from "./sessions";

const FAILURE_WINDOW_SECONDS = 15 * 60;
const failureCounter = (email: string) => `login-failures:${sha256(email)}`;

/**
 * Wrong address and wrong password fail alike and take alike long (an unknown
 * address is verified against a dummy hash). Failures per address are counted
 * in a fixed window to slow online guessing.
 */
export async function login(
  deps: AuthDeps,
  input: LoginInput,
  meta: RequestMeta,
): Promise<SignedIn> {
  const failures = Number((await deps.keys.get(failureCounter(input.email))) ?? 0);
  if (failures >= deps.policy.loginFailuresPerWindow) throw new AuthError("RATE_LIMITED");

  const user = await deps.db.users.findByEmail(input.email);
  const valid = user
    ? await deps.passwords.verify(user.passwordHash, input.password)
    : await deps.passwords.verifyDummy(input.password).then(() => false);
  if (!user || !valid) {
    await deps.keys.increment(failureCounter(input.email), FAILURE_WINDOW_SECONDS);
    throw new AuthError("INVALID_CREDENTIALS");
  }
  // Only after the password proved who is asking may we say the account is inactive.
  if (!user.activatedAt) throw new AuthError("ACCOUNT_NOT_ACTIVATED");
  // The one moment the plain password is at hand: upgrade a hash made with older parameters.
  if (deps.passwords.needsRehash(user.passwordHash)) {
    await deps.db.users.setPassword(user.id, {
      passwordHash: await deps.passwords.hash(input.password),
      keyStamp: user.keyStamp ?? newKeyStamp(deps.random),
    });
  }

  return startSession(deps, deps.db, user, meta, deps.clock.now());
}
