/** The two commands it needs, as ioredis has them (typed here: this folder has no dependencies). */
interface ScanAndDelete {
  scan(
    cursor: string,
    match: "MATCH",
    pattern: string,
    count: "COUNT",
    size: number,
  ): Promise<[cursor: string, elements: string[]]>;
  del(...keys: string[]): Promise<number>;
}

/** Deletes every key under `prefix` (SCAN, never KEYS: the Redis may be shared). */
export async function deleteKeysUnder(redis: ScanAndDelete, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, "\\$&")}*`;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
