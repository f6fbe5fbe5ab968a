import type { z } from "zod";

/**
 * A record the key store holds as JSON, read with its schema. One that is
 * missing, not JSON or not of the schema's shape is as good as none: null.
 */
export function readStoredRecord<T>(raw: string | null, schema: z.ZodType<T>): T | null {
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
