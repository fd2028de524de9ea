import type { ReactNode } from "react";
import { useI18n } from "../locale-context";

/** A letter's PDF, opened in a new tab (and said so to screen readers). */
export function LetterLink({ letterId, className, children }: { letterId: string; className?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <a className={className} href={`/v1/letters/${encodeURIComponent(letterId)}/pdf`} target="_blank" rel="noopener">
      {children}
      <span className="visually-hidden"> {t("common.opensInNewTab")}</span>
    </a>
  );
}
