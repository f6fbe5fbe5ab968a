"use client";

import Link from "next/link";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { useHeadingFocusedOnMount } from "../../components/use-screen";

/**
 * The API answers alike for every address (anything else would tell a
 * stranger which addresses have accounts), so this screen says "if".
 */
export function ResetLinkSent({
  email,
  onChangeAddress,
}: {
  email: string;
  onChangeAddress: () => void;
}) {
  const heading = useHeadingFocusedOnMount();

  return (
    <Card
      title="Check your inbox"
      headingRef={heading}
      intro={
        <p>
          If an account exists for <strong>{email}</strong>, we sent a link to choose a new
          password. It works for a limited time, and only the newest link works.
        </p>
      }
      footer={
        <p>
          <Link href="/login">Back to log in</Link>
        </p>
      }
    >
      <Stack>
        <p>
          Nothing there? Look in your spam folder. An account that was never activated gets its
          activation email instead.
        </p>
        <p>
          Wrong address?{" "}
          <Button variant="quiet" onClick={onChangeAddress}>
            Use a different email
          </Button>
        </p>
      </Stack>
    </Card>
  );
}
