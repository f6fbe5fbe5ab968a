export {
  createPrismaDatabase,
  type PrismaDatabase,
  type PrismaDatabaseOptions,
} from "./prisma-database";
