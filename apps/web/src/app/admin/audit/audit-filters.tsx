import { useTranslations } from "next-intl";
import { useId } from "react";
import buttonStyles from "../../../components/button.module.css";
import { Field } from "../../../components/field";
import fieldStyles from "../../../components/field.module.css";
import styles from "../admin.module.css";

interface AuditFiltersProps {
  type: string;
  user: string;
  types: { type: string; label: string }[];
  errors: { type?: string[] | undefined; user?: string[] | undefined };
}

/** The audit log's filters: a labelled list of event types and a user's ID. */
export function AuditFilters({ type, user, types, errors }: AuditFiltersProps) {
  const t = useTranslations("admin.audit");
  const typeId = useId();
  const typeError = errors.type?.[0];
  return (
    <search>
      <form method="get" action="/admin/audit" className={styles.filters}>
        <div className={fieldStyles.field}>
          <label htmlFor={typeId} className={fieldStyles.label}>
            {t("type")}
          </label>
          <select
            id={typeId}
            name="type"
            defaultValue={type}
            className={fieldStyles.input}
            aria-invalid={typeError ? true : undefined}
            aria-describedby={`${typeId}-error`}
          >
            <option value="">{t("everyType")}</option>
            {types.map((option) => (
              <option key={option.type} value={option.type}>
                {t("typeOption", { label: option.label, type: option.type })}
              </option>
            ))}
          </select>
          <p id={`${typeId}-error`} className={fieldStyles.error}>
            {typeError ? t("typeError") : ""}
          </p>
        </div>
        <Field
          label={t("user")}
          name="user"
          defaultValue={user}
          errors={errors.user ? [t("userError")] : undefined}
          autoComplete="off"
          spellCheck={false}
        />
        {/* A plain submit: this form is rendered on the server and works before any script. */}
        <button type="submit" className={`${buttonStyles.button} ${buttonStyles.primary}`}>
          {t("filter")}
        </button>
      </form>
    </search>
  );
}
