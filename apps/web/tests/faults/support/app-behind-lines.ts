import { type RealServicesApp, startRealServicesApp } from "../../http/support/real-services";
import {
  type CuttableLine,
  type HttpLine,
  type LineMode,
  startHttpLine,
  startTcpLine,
} from "./cuttable-proxies";

export interface AppBehindLines {
  real: RealServicesApp;
  /** Between the app and PostgreSQL. */
  database: CuttableLine;
  /** Between the app and the key store's REST endpoint. */
  keyStore: HttpLine;
  /** Stops the app first, then the lines it talked through. */
  stop(): Promise<void>;
}

/**
 * The production build on real services, reaching PostgreSQL and the key
 * store only through cuttable lines of its own, so a suite can cut, hang or
 * break them without touching the shared servers. `database` is the line's
 * mode while the app starts ("refuse": an app started during an outage).
 */
export async function startAppBehindLines(
  env: Record<string, string>,
  { database: startMode = "pass" }: { database?: LineMode } = {},
): Promise<AppBehindLines> {
  let database: CuttableLine | undefined;
  let keyStore: HttpLine | undefined;
  const real = await startRealServicesApp(env, async ({ databaseUrl, keyStoreUrl }) => {
    const target = new URL(databaseUrl);
    database = await startTcpLine({ host: target.hostname, port: Number(target.port) });
    database.set(startMode);
    keyStore = await startHttpLine(keyStoreUrl);
    target.port = String(database.port);
    return {
      DATABASE_URL: target.toString(),
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${keyStore.port}`,
    };
  });
  if (!database || !keyStore) throw new Error("the app started without its lines");
  const lines = { database, keyStore };
  return {
    real,
    ...lines,
    async stop() {
      await real.stop();
      await lines.database.close();
      await lines.keyStore.close();
    },
  };
}
