import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { returnToOf } from "../../server/return-to";
import { getSession } from "../../server/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const returnTo = await returnToOf(searchParams);
  // Already signed in: straight on to where the login would have led.
  if (await getSession()) redirect(returnTo ?? "/account");
  const loggedOut = (await searchParams).loggedOut === "1";
  return <LoginForm returnTo={returnTo} loggedOut={loggedOut} />;
}
