import type { ApiError } from "../api/client";
import { useI18n } from "../locale-context";

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t("common.loading")}
    </p>
  );
}

/** An error from the API in words: its message, and each issue with where it is. */
export function ErrorMessage({ error }: { error: ApiError | null }) {
  const { t } = useI18n();
  if (!error) return null;
  const text =
    error.status === 0
      ? t("error.network")
      : error.status === 403
        ? t("error.forbidden")
        : error.status === 404
          ? t("error.notFound")
          : error.message;
  return (
    <div className="alert alert-error" role="alert">
      <p>{text}</p>
      {error.issues.length > 0 && (
        <ul>
          {error.issues.map((i) => (
            <li key={`${i.field}:${i.message}`}>
              {i.field ? <code>{i.field}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
