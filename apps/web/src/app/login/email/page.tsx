import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { returnToOf } from "../../../server/return-to";
import { getSession } from "../../../server/session";
import { EmailLoginFlow } from "./email-login-flow";

export const metadata: Metadata = { title: "Log in with an email link" };

export default async function EmailLoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const returnTo = await returnToOf(searchParams);
  if (await getSession()) redirect(returnTo ?? "/account");
  return <EmailLoginFlow returnTo={returnTo} />;
}
