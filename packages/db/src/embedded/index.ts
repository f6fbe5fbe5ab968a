export { DataDirInUseError } from "./data-dir-lock";
export { startEmbeddedPostgres } from "./embedded-postgres";
