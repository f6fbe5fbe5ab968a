import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { sessionRouter } from "./routers/session";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  session: sessionRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
