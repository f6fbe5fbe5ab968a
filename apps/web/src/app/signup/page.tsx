import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProviderButtons } from "../../components/provider-buttons";
import { getSession } from "../../server/session";
import { SignupFlow } from "./signup-flow";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignupPage() {
  if (await getSession()) redirect("/account");
  return <SignupFlow providers={<ProviderButtons returnTo={null} />} />;
}
