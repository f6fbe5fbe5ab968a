import type { AppRouter } from "@latch/api";
import type { inferRouterOutputs } from "@trpc/server";

export type AdminUserView = inferRouterOutputs<AppRouter>["admin"]["users"]["get"];
