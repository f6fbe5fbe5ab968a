"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";

/**
 * For a page whose screens replace each other under the same URL (a form,
 * then its outcome). The control that had focus disappears with the old
 * screen, so the new screen's heading takes focus once it is rendered and a
 * screen reader reads it out.
 *
 * `screenOfReason` names the API reasons that lead to a screen of their own
 * (an expired link); `showScreenOf` shows it and returns false for any other
 * reason, which stays a message on the current screen.
 */
export function useScreen<S extends string>(
  initial: S,
  screenOfReason: Partial<Record<string, S>> = {},
) {
  const [screen, setScreen] = useState<S>(initial);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const show = useCallback((next: S) => {
    flushSync(() => setScreen(next));
    headingRef.current?.focus();
  }, []);
  const showScreenOf = (reason: string) => {
    const next = screenOfReason[reason];
    if (next) show(next);
    return next !== undefined;
  };
  return { screen, show, showScreenOf, headingRef };
}

/**
 * For a screen that replaced the one that had focus (a form, then "check your
 * inbox"): its heading takes focus once it is shown, so a screen reader reads it.
 */
export function useHeadingFocusedOnMount() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}
