"use client";

import { useCallback, useRef, useState } from "react";
import { flushSync } from "react-dom";

/**
 * For a page whose screens replace each other under the same URL (a form,
 * then its outcome). The control that had focus disappears with the old
 * screen, so the new screen's heading takes focus once it is rendered and a
 * screen reader reads it out.
 */
export function useScreen<S extends string>(initial: S) {
  const [screen, setScreen] = useState<S>(initial);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const show = useCallback((next: S) => {
    flushSync(() => setScreen(next));
    headingRef.current?.focus();
  }, []);
  return { screen, show, headingRef };
}
