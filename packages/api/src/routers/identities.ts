import { type AuthDeps, disconnectIdentity, grantConnect, listIdentities } from "@latch/auth";
import { disconnectIdentityInput, grantConnectInput } from "@latch/validators";
import { authedProcedure, publicProcedure, router } from "../trpc";

/**
 * `auth.identities.*`: the configured providers (for the buttons) and the
 * caller's connected identities. Connecting and signing in are browser
 * round trips (`/api/auth/oidc/<id>/start`), not procedures.
 */
export const identitiesRouter = router({
  providers: publicProcedure.query(({ ctx }) => ({
    providers: ctx.deps.identityProviders.map(({ id, name }) => ({ id, name })),
  })),
  list: authedProcedure.query(async ({ ctx }) => {
    const { identities, hasPassword } = await listIdentities(ctx.deps, ctx.caller);
    return {
      hasPassword,
      identities: identities.map((identity) => ({
        ...identity,
        providerName: nameOf(ctx.deps, identity.providerId),
      })),
    };
  }),
  /**
   * The password again, for a single-use grant (5 minutes) that
   * `/api/auth/oidc/<id>/start?connect=<grant>` needs to connect a provider.
   */
  grantConnect: authedProcedure
    .input(grantConnectInput)
    .mutation(({ ctx, input }) => grantConnect(ctx.deps, ctx.caller, input.password)),
  disconnect: authedProcedure
    .input(disconnectIdentityInput)
    .mutation(({ ctx, input }) =>
      disconnectIdentity(ctx.deps, ctx.caller, input.id, (id) => nameOf(ctx.deps, id), ctx.meta),
    ),
});

/** An identity of a provider since removed from the configuration keeps its id as its name. */
function nameOf(deps: Pick<AuthDeps, "identityProviders">, providerId: string): string {
  return deps.identityProviders.find((provider) => provider.id === providerId)?.name ?? providerId;
}
