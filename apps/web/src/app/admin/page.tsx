import type { Metadata } from "next";
import { UserSearch } from "./user-search";

export const metadata: Metadata = { title: "Users", robots: { index: false } };

export default function AdminPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <UserSearch {...props} />;
}
