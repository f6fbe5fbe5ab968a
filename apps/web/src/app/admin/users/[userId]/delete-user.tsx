"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../../../components/button";
import { FormError } from "../../../../components/notice";
import { useConfirmStep } from "../../../../components/use-confirm-step";
import { useTRPC } from "../../../../trpc/react";
import accountStyles from "../../../account/account.module.css";
import { adminProblem } from "./admin-problem";

/** Two presses, the second naming the address, so nobody deletes the wrong account by a slip. */
export function DeleteUser({ userId, email }: { userId: string; email: string }) {
  const t = useTranslations("admin");
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.admin.users.delete.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const { confirming, open, cancel, opener, step } = useConfirmStep<HTMLDivElement>(() =>
    setProblem(null),
  );

  async function onDelete() {
    setProblem(null);
    try {
      await remove.mutateAsync({ userId });
      router.replace("/admin/users?deleted=1");
    } catch (error) {
      setProblem(adminProblem(t, error));
    }
  }

  if (!confirming) {
    return (
      <div>
        <Button ref={opener} variant="danger" onClick={open}>
          {t("delete.open")}
        </Button>
      </div>
    );
  }
  return (
    <div ref={step} className={accountStyles.confirmDelete}>
      <p>{t.rich("delete.confirm", { email, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <div className={accountStyles.actions}>
        <Button
          variant="danger"
          pending={remove.isPending}
          pendingLabel={t("delete.pending")}
          onClick={onDelete}
        >
          {t("delete.submit")}
        </Button>
        <Button variant="quiet" onClick={cancel}>
          {t("delete.cancel")}
        </Button>
      </div>
      <FormError message={problem} />
    </div>
  );
}
