import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from "@latch/validators";

type Score = 0 | 1 | 2 | 3 | 4;

/** zxcvbn's verdict on one password: a score and, when it has one, a sentence on why. */
interface Rating {
  score: Score;
  advice: string | null;
}

export type RatePassword = (password: string, userInputs: readonly string[]) => Rating;

/** What the meter shows: `score` is null while the estimator is still loading. */
export interface Strength {
  label: string;
  score: Score | null;
  advice: string | null;
}

const LABELS = ["Very weak", "Weak", "Fair", "Good", "Strong"] as const;

let loading: Promise<RatePassword> | undefined;

/**
 * zxcvbn-ts and its dictionaries are megabytes of JavaScript, so they are
 * fetched on first use (focus or first keystroke), never with the page.
 * A failed load is forgotten so the next attempt tries again.
 */
export function loadPasswordRater(): Promise<RatePassword> {
  loading ??= loadZxcvbn().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function loadZxcvbn(): Promise<RatePassword> {
  const [{ ZxcvbnFactory }, common, en] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]);
  // No Levenshtein matching: it makes a check take ~200 ms instead of ~5-30, too slow per keystroke.
  const zxcvbn = new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return (password, userInputs) => {
    const { score, feedback } = zxcvbn.check(password, [...userInputs]);
    return { score, advice: feedback.warning || feedback.suggestions[0] || null };
  };
}

/** The address and its pieces, so a password made of them rates as weak as it is. */
export function userInputsOf(email: string): string[] {
  const address = email.trim().toLowerCase();
  const [local = "", domain = ""] = address.split("@");
  if (!local) return [];
  const words = [local, ...domain.split(".").slice(0, -1)].flatMap((part) =>
    part.split(/[^\p{L}\p{N}]+/u),
  );
  const glued = local.replace(/[^\p{L}\p{N}]+/gu, "");
  return [...new Set([address, local, glued, ...words].filter((word) => word.length >= 3))];
}

/**
 * A guide, not a gate: the server enforces the length rule and refuses common
 * and breached passwords; this says how guessable the rest is (zxcvbn's 0-4)
 * and, below "Good", what to change.
 */
export function describeStrength(
  password: string,
  rate: RatePassword | null,
  userInputs: readonly string[] = [],
): Strength {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return { label: "Too short", score: 0, advice: null };
  if (length > PASSWORD_MAX_LENGTH) return { label: "Too long", score: 0, advice: null };
  if (!rate) return { label: "checking…", score: null, advice: null };
  const { score, advice } = rate(password, userInputs);
  return { label: LABELS[score], score, advice: score < 3 ? advice : null };
}
