import { afterEach, describe, expect, it } from "vitest";
import { loginPasswordSchema, passwordSchema, wellFormed } from "./password";

const messagesOf = (schema: typeof passwordSchema | typeof loginPasswordSchema, input: string) => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

// Messages are keys of the catalogue's "validation" namespace.
const UNPAIRED = "passwordNotWellFormed";

describe("passwords", () => {
  it.each([
    ["a lone high surrogate at the end", "abcdefgh\uD800"],
    ["another lone high surrogate", "abcdefgh\uDBFF"],
    ["a lone low surrogate", "\uDC00abcdefgh"],
    ["two surrogates in the wrong order", "abcdefgh\uDC00\uD800"],
  ])("refuses %s when choosing a password and at login", (_, input) => {
    expect(messagesOf(passwordSchema, input)).toEqual([UNPAIRED]);
    expect(messagesOf(loginPasswordSchema, input)).toEqual([UNPAIRED]);
  });

  describe("in a browser without String.prototype.isWellFormed", () => {
    const native = Object.getOwnPropertyDescriptor(String.prototype, "isWellFormed");
    afterEach(() => {
      if (native) Object.defineProperty(String.prototype, "isWellFormed", native);
    });

    it("tells lone surrogates from pairs all the same", () => {
      Reflect.deleteProperty(String.prototype, "isWellFormed");
      expect(typeof "".isWellFormed).toBe("undefined");
      expect(wellFormed("abcdefgh\uD800")).toBe(false);
      expect(wellFormed("\uDC00abcdefgh")).toBe(false);
      expect(wellFormed("abcdefgh\uDC00\uD800")).toBe(false);
      expect(wellFormed("locked \uD83D\uDD12 tight")).toBe(true);
    });
  });

  it("accepts surrogates that come in pairs, counting an emoji as one character", () => {
    expect(passwordSchema.parse("locked \uD83D\uDD12 tight")).toBe("locked 🔒 tight");
    expect(messagesOf(passwordSchema, "🔒🔒🔒🔒🔒🔒🔒")).toEqual(["passwordTooShort"]);
  });

  it("NFKC-normalizes, so a full-width password is the ASCII one", () => {
    expect(passwordSchema.parse("ｐａｓｓｐｈｒａｓｅ")).toBe("passphrase");
  });

  it("still refuses control characters", () => {
    expect(messagesOf(passwordSchema, "abcdefgh\u0007")).toEqual(["passwordControlCharacter"]);
  });
});
