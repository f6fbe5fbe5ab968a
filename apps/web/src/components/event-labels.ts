import type { Messages } from "@latch/i18n";
import { useTranslations } from "next-intl";

/** The "events" namespace's translator: useTranslations("events") or await getTranslations("events"). */
export type EventsTranslator = ReturnType<typeof useTranslations<"events">>;

/** The catalogue key of a type: next-intl reads "." as nesting, so "login.succeeded" is "types.login_succeeded". */
function keyOf(type: string) {
  return `types.${type.replaceAll(".", "_")}` as `types.${keyof Messages["events"]["types"]}`;
}

/**
 * What an audit event means, in words a person reads at a glance (the account
 * page and /admin), in the page's language. A type newer than the catalogue is
 * shown as it is.
 */
export function eventLabel(t: EventsTranslator, type: string): string {
  const key = keyOf(type);
  return t.has(key) ? t(key) : type;
}

/** The label as an element, for client and server components alike: `<EventLabel type={event.type} />`. */
export function EventLabel({ type }: { type: string }): string {
  const t = useTranslations("events");
  return eventLabel(t, type);
}
