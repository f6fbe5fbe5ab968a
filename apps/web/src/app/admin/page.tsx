import { UserSearch, userSearchMetadata } from "./user-search";

export const generateMetadata = userSearchMetadata;

export default function AdminPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <UserSearch {...props} />;
}
