import pg from "pg";
import type { RealServicesApp } from "../../http/support/real-services";

/** Makes the account of `email` an admin, as `pnpm admin:grant` does: there is no page for it. */
export async function grantAdmin(real: RealServicesApp, email: string): Promise<void> {
  const db = new pg.Client({ connectionString: real.databaseUrl });
  await db.connect();
  try {
    const { rowCount } = await db.query("UPDATE users SET role = 'admin' WHERE email = $1", [
      email,
    ]);
    if (rowCount !== 1) throw new Error(`no account ${email} to make an admin`);
  } finally {
    await db.end();
  }
}
