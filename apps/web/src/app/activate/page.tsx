import type { Metadata } from "next";
import { ResendByEmail } from "./resend-by-email";

export const metadata: Metadata = { title: "Send the activation email again" };

export default function ActivatePage() {
  return <ResendByEmail />;
}
