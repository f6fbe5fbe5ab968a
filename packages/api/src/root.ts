import { adminWebhookProcedures } from "./routers/admin-webhooks";
import { authRouter } from "./routers/auth";
import { sessionRouter } from "./routers/session";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  session: sessionRouter,
  // For now: the admin-users work merges this into the full admin router.
  admin: router({ webhooks: router(adminWebhookProcedures) }),
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
