export { createMigration, diffMigration } from "./diff";
export { migrate } from "./migrate";
