"use client";

import { useRef, useState } from "react";
import { flushSync } from "react-dom";

/**
 * A dangerous action behind an opener, as a second step so one stray press does
 * nothing. Opening moves focus into the step (its first field or button), so a
 * keyboard or screen-reader user lands on what to do next; cancelling clears it
 * (`clear`) and gives focus back to the opener, which reappears where it was.
 */
export function useConfirmStep<Step extends HTMLElement>(clear?: () => void) {
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const step = useRef<Step>(null);

  function open() {
    flushSync(() => setConfirming(true));
    step.current?.querySelector<HTMLElement>("input, button")?.focus();
  }

  function cancel() {
    flushSync(() => {
      setConfirming(false);
      clear?.();
    });
    opener.current?.focus();
  }

  return { confirming, setConfirming, open, cancel, opener, step };
}
