import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import buttonStyles from "../../components/button.module.css";
import { Card } from "../../components/card";
import { Field } from "../../components/field";
import { LiveRegion, Notice } from "../../components/notice";
import { ServiceUnavailable } from "../../components/service-unavailable";
import { adminUsers, oneParam } from "../../server/admin";
import tableStyles from "../account/sessions-table.module.css";
import styles from "./admin.module.css";
import { AdminNav } from "./admin-nav";
import { formatUtc, statusLabel } from "./format";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function searchOf(params: Awaited<SearchParams>) {
  return { query: oneParam(params.q)?.trim().slice(0, 254), after: oneParam(params.after) };
}

/** The title, behind the same guard (and the same call) as the page. */
export async function userSearchMetadata({
  searchParams,
}: {
  searchParams: SearchParams;
}): Promise<Metadata> {
  const { query, after } = searchOf(await searchParams);
  await adminUsers(query, after);
  const t = await getTranslations("admin.users");
  return { title: t("title"), robots: { index: false } };
}

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
  const { query, after } = searchOf(params);
  const result = await adminUsers(query, after);
  if (!result) return <ServiceUnavailable />;
  const { users, nextCursor } = result;
  const t = await getTranslations("admin");
  const format = await getFormatter();

  return (
    <Card wide title={t("users.title")} intro={<p>{t("users.intro")}</p>}>
      <AdminNav current="users" />
      <LiveRegion>
        {params.deleted === "1" ? (
          <Notice tone="success">
            <p>{t("users.deleted")}</p>
          </Notice>
        ) : null}
      </LiveRegion>
      <search>
        <form method="get" action="/admin/users" className={styles.filters}>
          <Field
            label={t("users.query")}
            name="q"
            type="search"
            defaultValue={query ?? ""}
            autoComplete="off"
          />
          {/* A plain submit: this form is rendered on the server and works before any script. */}
          <button type="submit" className={`${buttonStyles.button} ${buttonStyles.primary}`}>
            {t("users.search")}
          </button>
        </form>
      </search>
      {users.length === 0 ? (
        <p className={tableStyles.muted}>
          {query ? t("users.noMatch", { query }) : t("users.none")}
        </p>
      ) : (
        <div className={tableStyles.wrapper}>
          <table className={tableStyles.table}>
            <caption className="visually-hidden">
              {query ? t("users.captionMatch", { query }) : t("users.caption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("users.email")}</th>
                <th scope="col">{t("users.status")}</th>
                <th scope="col">{t("users.role")}</th>
                <th scope="col">{t("users.signedUp")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row" className={tableStyles.device}>
                    <Link href={`/admin/users/${user.id}`}>{user.email}</Link>
                  </th>
                  <td data-label={t("users.status")}>{statusLabel(t, user.status)}</td>
                  <td data-label={t("users.role")}>
                    {user.role === "admin" ? t("role.admin") : t("role.user")}
                  </td>
                  <td data-label={t("users.signedUp")}>
                    <time dateTime={user.createdAt}>{formatUtc(t, format, user.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("resultPages")} className={styles.paging}>
        {after ? <Link href={pageHref(query)}>{t("users.firstPage")}</Link> : null}
        {nextCursor ? <Link href={pageHref(query, nextCursor)}>{t("users.nextPage")}</Link> : null}
      </nav>
    </Card>
  );
}
