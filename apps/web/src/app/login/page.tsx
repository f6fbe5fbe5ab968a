import type { Metadata } from "next";
import { returnToOf } from "../../server/return-to";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <LoginForm returnTo={await returnToOf(searchParams)} />;
}
