import Link from "next/link";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { Field } from "../../components/field";
import { LiveRegion, Notice } from "../../components/notice";
import { ServiceUnavailable } from "../../components/service-unavailable";
import { oneParam, readAsAdmin } from "../../server/admin";
import tableStyles from "../account/sessions-table.module.css";
import styles from "./admin.module.css";
import { AdminNav } from "./admin-nav";
import { formatUtc, STATUS_LABELS } from "./format";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function pageHref(query: string | undefined, after?: string): string {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (after) params.set("after", after);
  const search = params.toString();
  return search ? `/admin/users?${search}` : "/admin/users";
}

/**
 * The user search (/admin and /admin/users): a plain GET form, so every
 * search and every page of results has its own address and works with the
 * browser's back button. Pages go forward by cursor.
 */
export async function UserSearch({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const query = oneParam(params.q)?.trim().slice(0, 254);
  const after = oneParam(params.after);
  const result = await readAsAdmin((caller) =>
    caller.admin.users.list({
      ...(query ? { query } : {}),
      ...(after ? { cursor: after } : {}),
    }),
  );
  if (!result) return <ServiceUnavailable />;
  const { users, nextCursor } = result;

  return (
    <Card wide title="Users" intro={<p>Find an account by a part of its email address.</p>}>
      <AdminNav current="users" />
      <LiveRegion>
        {params.deleted === "1" ? (
          <Notice tone="success">
            <p>The account was deleted.</p>
          </Notice>
        ) : null}
      </LiveRegion>
      <search>
        <form method="get" action="/admin/users" className={styles.filters}>
          <Field
            label="Email address contains"
            name="q"
            type="search"
            defaultValue={query ?? ""}
            autoComplete="off"
          />
          <Button type="submit">Search</Button>
        </form>
      </search>
      {users.length === 0 ? (
        <p className={tableStyles.muted}>
          {query ? `No account has an address containing “${query}”.` : "No accounts yet."}
        </p>
      ) : (
        <div className={tableStyles.wrapper}>
          <table className={tableStyles.table}>
            <caption className="visually-hidden">
              {query ? `Accounts whose address contains “${query}”` : "Accounts, newest first"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Email address</th>
                <th scope="col">Status</th>
                <th scope="col">Role</th>
                <th scope="col">Signed up</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row" className={tableStyles.device}>
                    <Link href={`/admin/users/${user.id}`}>{user.email}</Link>
                  </th>
                  <td data-label="Status">{STATUS_LABELS[user.status]}</td>
                  <td data-label="Role">{user.role === "admin" ? "Admin" : "User"}</td>
                  <td data-label="Signed up">
                    <time dateTime={user.createdAt}>{formatUtc(user.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Result pages" className={styles.paging}>
        {after ? <Link href={pageHref(query)}>First page</Link> : null}
        {nextCursor ? <Link href={pageHref(query, nextCursor)}>Next page</Link> : null}
      </nav>
    </Card>
  );
}
