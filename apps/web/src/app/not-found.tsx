import type { Metadata } from "next";
import { ButtonLink } from "../components/button-link";
import { Card } from "../components/card";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

/** Replaces Next's default 404, whose inline styles the pages' CSP (rightly) refuses. */
export default function NotFound() {
  return (
    <Card title="Page not found" intro={<p>There is no page at this address.</p>}>
      <ButtonLink href="/">Go to the start page</ButtonLink>
    </Card>
  );
}
