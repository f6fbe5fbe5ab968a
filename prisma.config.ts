// Read by the Prisma CLI (Prisma 7 keeps the connection string out of the
// schema). A plain object on purpose: only packages/db depends on `prisma`, so
// `prisma/config` does not resolve from the repository root under pnpm.
// DATABASE_URL may be unset: `prisma generate` does not need it; `prisma
// migrate deploy` (on machines with the native engine) does.
export default {
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL },
};
