"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";

/**
 * Goes where the person was headed once signed in: the page's checked
 * `returnTo` (a path here, or an allowlisted address elsewhere), else /account.
 */
export function useGoNext(returnTo: string | null): () => void {
  const router = useRouter();
  return useCallback(() => {
    const target = returnTo ?? "/account";
    if (target.startsWith("/")) router.push(target);
    else window.location.assign(target);
  }, [returnTo, router]);
}
