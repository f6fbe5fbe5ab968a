import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { type DeviceDescription, describeDevice } from "./describe-device";

/** describeDevice, its label in the page's language (account.device). */
export function useDescribeDevice(): (userAgent: string | null) => DeviceDescription {
  const t = useTranslations("account.device");
  return useCallback(
    (userAgent: string | null) =>
      describeDevice(userAgent, (key, values) =>
        key === "onSystem" && values ? t("onSystem", values) : t("unknown"),
      ),
    [t],
  );
}
