import { type ProviderProfile, verifiedAddressClaim } from "@latch/auth/ports";
import { emailSchema } from "@latch/validators";

/**
 * A validated answer as the domain sees it: the address normalized like
 * every address in Latch (an address Latch could not store is dropped), and
 * counted as verified only through the port's one reading of the claim.
 */
export function toProfile(
  issuer: string,
  subject: string,
  email: unknown,
  verified: unknown,
): ProviderProfile {
  const parsed = typeof email === "string" ? emailSchema.safeParse(email) : null;
  const address = parsed?.success ? parsed.data : null;
  return {
    issuer,
    subject,
    email: address,
    emailVerified: address !== null && verifiedAddressClaim(verified),
  };
}
