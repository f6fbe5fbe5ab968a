export { createPrismaDatabase } from "./prisma-database";
export { repoPaths } from "./repo-root";
