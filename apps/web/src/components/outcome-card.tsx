import type { ReactNode, Ref } from "react";
import { ButtonLink } from "./button-link";
import { Card } from "./card";

/** A screen that only says how things stand and offers one way on (texts already translated). */
export interface Outcome {
  title: string;
  text: ReactNode;
  href: string;
  action: string;
}

/** Takes `headingRef` because it replaces another screen: see `useScreen`. */
export function OutcomeCard({
  outcome,
  headingRef,
}: {
  outcome: Outcome;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  return (
    <Card title={outcome.title} headingRef={headingRef} intro={<p>{outcome.text}</p>}>
      <ButtonLink href={outcome.href}>{outcome.action}</ButtonLink>
    </Card>
  );
}
