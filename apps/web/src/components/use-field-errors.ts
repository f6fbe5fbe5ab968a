"use client";

import { type IssueLike, issueText } from "@latch/i18n/field-errors";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { flushSync } from "react-dom";
import type { ZodError } from "zod";

export type FieldErrors<F extends string> = Partial<Record<F, string[]>>;

/** What an input needs to follow a form field: see `bind` below. */
export interface BoundField {
  ref: (element: HTMLInputElement | null) => void;
  name: string;
  value: string;
  errors: readonly string[] | undefined;
  onValueChange: (value: string) => void;
}

/**
 * Per-field messages for a form, whichever side found them (the shared zod
 * schema before sending, the server's `fieldErrors` after). Showing them
 * moves focus to the first invalid field in visual order, after the message
 * is rendered, so a screen reader reads the label together with the error.
 */
export function useFieldErrors<F extends string>(order: readonly F[]) {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const inputs = useRef(new Map<F, HTMLInputElement>());

  const register = useCallback(
    (field: F) => (element: HTMLInputElement | null) => {
      if (element) inputs.current.set(field, element);
      else inputs.current.delete(field);
    },
    [],
  );

  const show = useCallback(
    (next: FieldErrors<F>) => {
      flushSync(() => setErrors(next));
      const first = order.find((field) => (next[field]?.length ?? 0) > 0);
      if (first) inputs.current.get(first)?.focus();
    },
    [order],
  );

  const clear = useCallback((field: F) => {
    setErrors((previous) => (previous[field] ? { ...previous, [field]: undefined } : previous));
  }, []);

  const reset = useCallback(() => setErrors({}), []);

  /** Ties an input to a field's value and messages; typing clears the field's stale message. */
  const bind = useCallback(
    (field: F, value: string, setValue: (value: string) => void): BoundField => ({
      ref: register(field),
      name: field,
      value,
      errors: errors[field],
      onValueChange: (next) => {
        setValue(next);
        clear(field);
      },
    }),
    [errors, register, clear],
  );

  return { errors, register, show, clear, reset, bind };
}

/**
 * The shared schema's verdict, keyed by field like the server's `fieldErrors`
 * and worded as the server words them: the schemas' messages are catalogue keys.
 */
export function useSchemaFieldErrors(): (error: ZodError) => Record<string, string[]> {
  const t = useTranslations("validation");
  return useCallback(
    (error: ZodError) => {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of error.issues) {
        const field = typeof issue.path[0] === "string" ? issue.path[0] : "_";
        const { key, values } = issueText(issue as IssueLike, (name) => t.has(name as never));
        fieldErrors[field] = [...(fieldErrors[field] ?? []), t(key as never, values as never)];
      }
      return fieldErrors;
    },
    [t],
  );
}
