"use client";

import { type FormEvent, useCallback, useState } from "react";
import type { z } from "zod";
import { type ApiError, readApiError } from "../trpc/api-error";
import { useSchemaFieldErrors } from "./use-field-errors";

/** The part of `useFieldErrors` a submit drives; its messages come keyed by any field name. */
interface FieldMessages {
  show: (errors: Record<string, string[]>) => void;
  reset: () => void;
}

interface FormSubmitOptions<S extends z.ZodType> {
  fields: FieldMessages;
  /** The same schema the server applies, so most mistakes never leave the browser. */
  schema: S;
  values: z.input<S>;
  /** While true a submit does nothing: a second press must not send the call twice. */
  pending: boolean;
  /** Clears what the previous attempt left on screen (a success notice), even if this one is invalid. */
  onAttempt?: () => void;
  /** The call and what its success does; a throw from it is read as an API error. */
  send: (checked: z.output<S>) => Promise<void>;
  /** Returns true when it handled a reason itself (a field message, another screen). */
  onReason?: (reason: string, problem: ApiError) => boolean;
}

/**
 * The sequence every form's submit shares: check the values against the
 * shared schema, send, and put what went wrong where it belongs (invalid
 * input at its fields, reasons the form knows in its own way, anything else
 * as the form-level message).
 */
export function useFormSubmit<S extends z.ZodType>(options: FormSubmitOptions<S>) {
  const { fields, schema, values, pending, onAttempt, send, onReason } = options;
  const [formError, setFormError] = useState<string | null>(null);
  const schemaFieldErrors = useSchemaFieldErrors();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setFormError(null);
    onAttempt?.();
    const checked = schema.safeParse(values);
    if (!checked.success) {
      fields.show(schemaFieldErrors(checked.error));
      return;
    }
    fields.reset();
    try {
      await send(checked.data);
    } catch (error) {
      const problem = readApiError(error);
      if (onReason?.(problem.reason, problem)) return;
      // Invalid input, and refusals about one field (a too common password), go to their field.
      const atFields = Object.keys(problem.fieldErrors).length > 0;
      if (problem.reason === "INVALID_INPUT" || atFields) fields.show(problem.fieldErrors);
      else setFormError(problem.message);
    }
  }

  const { reset: resetFields } = fields;
  /** Back to a blank slate, for a form that is closed without being sent. */
  const reset = useCallback(() => {
    setFormError(null);
    resetFields();
  }, [resetFields]);

  return { formError, onSubmit, reset };
}
