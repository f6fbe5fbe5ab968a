export {
  createPrismaDatabase,
  type PrismaDatabase,
  type PrismaDatabaseOptions,
} from "./prisma-database";
export { repoPaths } from "./repo-root";
