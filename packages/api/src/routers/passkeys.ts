import {
  generatePasskeyRegistrationOptions,
  generatePasskeySignInOptions,
  listPasskeys,
  removePasskey,
  renamePasskey,
  verifyPasskeyRegistration,
  verifyPasskeySignIn,
} from "@latch/auth";
import {
  passkeyRegistrationOptionsInput,
  passkeySignInOptionsInput,
  removePasskeyInput,
  renamePasskeyInput,
  verifyPasskeyRegistrationInput,
  verifyPasskeySignInInput,
} from "@latch/validators";
import { authedProcedure, limitedProcedure, router } from "../trpc";

/**
 * `auth.passkeys.*`, named after @simplewebauthn's flow. Registration and
 * the list are signed in (bearer header or session cookie with its Origin
 * check); the sign-in ceremony is anonymous: its options count as a key check
 * per client, its verification as a login per client.
 */
export const passkeysRouter = router({
  generateRegistrationOptions: authedProcedure
    .input(passkeyRegistrationOptionsInput)
    .mutation(({ ctx, input }) => generatePasskeyRegistrationOptions(ctx.deps, ctx.caller, input)),
  verifyRegistrationResponse: authedProcedure
    .input(verifyPasskeyRegistrationInput)
    .mutation(({ ctx, input }) => verifyPasskeyRegistration(ctx.deps, ctx.caller, input, ctx.meta)),
  list: authedProcedure.query(({ ctx }) => listPasskeys(ctx.deps, ctx.caller)),
  rename: authedProcedure
    .input(renamePasskeyInput)
    .mutation(({ ctx, input }) => renamePasskey(ctx.deps, ctx.caller, input)),
  remove: authedProcedure
    .input(removePasskeyInput)
    .mutation(({ ctx, input }) => removePasskey(ctx.deps, ctx.caller, input, ctx.meta)),
  // Each page load of /login asks (for autofill): a single-use key's limit, not a login's.
  generateAuthenticationOptions: limitedProcedure("key-check")
    .input(passkeySignInOptionsInput)
    .mutation(({ ctx, input }) => generatePasskeySignInOptions(ctx.deps, input, ctx.meta)),
  /** `{user, tokens}` like auth.login; with a ticket, the second step of that login. */
  verifyAuthenticationResponse: limitedProcedure("login")
    .input(verifyPasskeySignInInput)
    .mutation(({ ctx, input }) => verifyPasskeySignIn(ctx.deps, input, ctx.meta)),
});
