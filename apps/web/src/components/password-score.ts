import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from "@latch/validators";

type Score = 0 | 1 | 2 | 3 | 4;

/** zxcvbn's verdict on one password: a score and, when it has one, a sentence on why. */
interface Rating {
  score: Score;
  advice: string | null;
}

export type RatePassword = (password: string, userInputs: readonly string[]) => Rating;

/** The meter's verdict, a key of the catalogue's "components.passwordStrength.levels". */
type StrengthLevel =
  | "tooShort"
  | "tooLong"
  | "checking"
  | "veryWeak"
  | "weak"
  | "fair"
  | "good"
  | "strong";

/** What the meter shows: `score` is null while the estimator is still loading. */
export interface Strength {
  level: StrengthLevel;
  score: Score | null;
  advice: string | null;
}

const LEVELS = ["veryWeak", "weak", "fair", "good", "strong"] as const;

/**
 * zxcvbn's own advice sentences, per page language. Only English, French and
 * Spanish have language packages at a version made for @zxcvbn-ts/core 4
 * (language-fr and language-es-es 4.1.2); German, Japanese and Arabic stop at
 * 3.x, built for core 3. In those languages the meter shows Latch's own level
 * texts from the catalogue and no zxcvbn sentence (an English one would be
 * out of place on the page).
 */
const LANGUAGE_PACKS = {
  en: () => import("@zxcvbn-ts/language-en"),
  fr: () => import("@zxcvbn-ts/language-fr"),
  es: () => import("@zxcvbn-ts/language-es-es"),
} as const;

const loading = new Map<string, Promise<RatePassword>>();

/**
 * zxcvbn-ts and its dictionaries are megabytes of JavaScript, so they are
 * fetched on first use (focus or first keystroke), never with the page, once
 * per page language. A failed load is forgotten so the next attempt tries again.
 */
export function loadPasswordRater(locale = "en"): Promise<RatePassword> {
  let rater = loading.get(locale);
  if (!rater) {
    rater = loadZxcvbn(locale).catch((error: unknown) => {
      loading.delete(locale);
      throw error;
    });
    loading.set(locale, rater);
  }
  return rater;
}

async function loadZxcvbn(locale: string): Promise<RatePassword> {
  const ownPack = locale in LANGUAGE_PACKS && locale !== "en";
  const [{ ZxcvbnFactory }, common, en, own] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
    ownPack ? LANGUAGE_PACKS[locale as keyof typeof LANGUAGE_PACKS]() : null,
  ]);
  // English words stay in every language's dictionary: people everywhere pick "password1".
  // No Levenshtein matching: it makes a check take ~200 ms instead of ~5-30, too slow per keystroke.
  const zxcvbn = new ZxcvbnFactory({
    translations: (own ?? en).translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...own?.dictionary },
  });
  const advises = locale in LANGUAGE_PACKS;
  return (password, userInputs) => {
    const { score, feedback } = zxcvbn.check(password, [...userInputs]);
    const advice = advises ? feedback.warning || feedback.suggestions[0] || null : null;
    return { score, advice };
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
  if (length < PASSWORD_MIN_LENGTH) return { level: "tooShort", score: 0, advice: null };
  if (length > PASSWORD_MAX_LENGTH) return { level: "tooLong", score: 0, advice: null };
  if (!rate) return { level: "checking", score: null, advice: null };
  const { score, advice } = rate(password, userInputs);
  return { level: LEVELS[score], score, advice: score < 3 ? advice : null };
}
