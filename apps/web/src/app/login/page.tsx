import { messageOfReason } from "@latch/api";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProviderButtons } from "../../components/provider-buttons";
import { returnToOf } from "../../server/return-to";
import { getSession } from "../../server/session";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login");
  return { title: t("title") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const returnTo = await returnToOf(searchParams);
  // A refused provider round trip lands here with its reason (only the closed list is shown).
  const providerProblem = messageOfReason(params.error, await getLocale());
  // Already signed in: straight on to where the login would have led (a connection's
  // problem is shown on the account page, where it was started).
  if (await getSession()) {
    redirect(
      providerProblem ? `/account?error=${params.error}#connected` : (returnTo ?? "/account"),
    );
  }
  const linking =
    typeof params.link === "string" && typeof params.email === "string"
      ? { provider: params.link.slice(0, 64), email: params.email.slice(0, 320) }
      : null;
  return (
    <LoginForm
      returnTo={returnTo}
      loggedOut={params.loggedOut === "1"}
      providerProblem={providerProblem}
      linking={linking}
      providers={linking ? null : <ProviderButtons returnTo={returnTo} />}
    />
  );
}
