/**
 * A zod issue as the catalogue names it. The shared input schemas give their
 * messages as keys of the catalogue's "validation" namespace (`emailMissing`),
 * with any number they mention as params, so the server (field errors in API
 * answers) and the pages (checks before sending) word them in the reader's
 * language. Zod's own messages (a schema without a key) fall back by issue code.
 */
export interface IssueLike {
  code?: string;
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  params?: Record<string, unknown>;
}

export interface IssueText {
  key: string;
  values: Record<string, number | string>;
}

const KEY = /^[a-z][A-Za-z0-9]*$/;

const fallbackByCode: Record<string, string> = {
  too_small: "tooShort",
  too_big: "tooLong",
  invalid_value: "invalidChoice",
};

export function issueText(issue: IssueLike, known: (key: string) => boolean): IssueText {
  const values: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    if (typeof value === "number" || typeof value === "string") values[name] = value;
  }
  if (typeof issue.minimum === "number") values.min ??= issue.minimum;
  if (typeof issue.maximum === "number") values.max ??= issue.maximum;
  if (KEY.test(issue.message) && known(issue.message)) return { key: issue.message, values };
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
    return { key: "required", values };
  }
  return { key: fallbackByCode[issue.code ?? ""] ?? "invalid", values };
}
