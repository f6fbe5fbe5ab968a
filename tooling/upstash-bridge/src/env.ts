import { z } from "zod";

/** What the `bridge` script reads from its environment. */
const bridgeEnvSchema = z.object({
  REDIS_URL: z.url({
    protocol: /^rediss?$/,
    error: "must be set to a redis:// or rediss:// URL (the Redis behind the bridge)",
  }),
  UPSTASH_BRIDGE_TOKEN: z
    .string({ error: "must be set to the bearer token clients send (UPSTASH_REDIS_REST_TOKEN)" })
    .min(1),
  UPSTASH_BRIDGE_PORT: z.coerce
    .number({ error: "must be a port number" })
    .int({ error: "must be a whole port number" })
    .min(0, { error: "must be between 0 and 65535" })
    .max(65_535, { error: "must be between 0 and 65535" })
    .default(8079),
  UPSTASH_BRIDGE_HOST: z.string().trim().min(1).default("127.0.0.1"),
});

export type BridgeEnv = z.infer<typeof bridgeEnvSchema>;

/** Fails with every bad variable's name and what is wrong, never its value (the token is secret). */
export function parseBridgeEnv(source: Record<string, string | undefined>): BridgeEnv {
  // An empty variable means "unset", so the defaults apply.
  const present = Object.entries(source).filter(([, value]) => value !== undefined && value !== "");
  const parsed = bridgeEnvSchema.safeParse(Object.fromEntries(present));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
  );
  throw new Error(`Invalid bridge configuration:\n${problems.join("\n")}`);
}
