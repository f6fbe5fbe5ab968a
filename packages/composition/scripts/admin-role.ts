// `pnpm admin:grant <email>` and `pnpm admin:revoke <email>`: the only way to make or
// unmake an admin. Runs against the same configuration as the app (DATABASE_URL, or
// the embedded database), like `pnpm db:migrate`.
import { setAccountRole } from "@latch/auth";
import { createServices, readProcessEnv } from "../src";

const [action, email] = process.argv.slice(2);
if ((action !== "grant" && action !== "revoke") || !email) {
  console.error("usage: pnpm admin:grant <email> | pnpm admin:revoke <email>");
  process.exit(2);
}

const services = await createServices(
  { ...readProcessEnv(), OUTBOX_WORKER: false },
  () => undefined,
);
try {
  const result = await setAccountRole(services.deps, email, action === "grant" ? "admin" : "user");
  switch (result.status) {
    case "changed":
      console.log(
        `${result.email} is now ${result.role === "admin" ? "an admin" : "not an admin"}`,
      );
      break;
    case "no_account":
      console.error(`no account has the address ${result.email}`);
      process.exitCode = 1;
      break;
    case "invalid_email":
      console.error("that is not an email address");
      process.exitCode = 2;
      break;
  }
} finally {
  await services.close();
}
