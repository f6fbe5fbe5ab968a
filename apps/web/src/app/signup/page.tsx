import type { Metadata } from "next";
import { SignupFlow } from "./signup-flow";

export const metadata: Metadata = { title: "Create an account" };

export default function SignupPage() {
  return <SignupFlow />;
}
