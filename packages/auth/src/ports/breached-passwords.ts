/** Knows passwords from data breaches; optional, plugged in at the composition root. */
export interface BreachedPasswords {
  /**
   * True when the password is known from a breach. When the source cannot
   * answer, the adapter follows its configuration: false (fail open) or an
   * AuthError with SERVICE_UNAVAILABLE (fail closed).
   */
  isBreached(password: string): Promise<boolean>;
}
