import { useCallback, useEffect, useRef, useState } from "react";
import { call, client } from "../api/client";
import type { Answer } from "../api/types";
import { formatDate, formatInstant, formatMoney } from "../format";
import { hasMessage, type Locale, translate } from "../i18n";
import { useI18n } from "../locale-context";
import { Link } from "../router";

/**
 * The bell in the header: the number of unread notifications (`GET /v1/notifications`, again
 * every minute and when opened), and a list of the latest, each worded here from its kind and
 * facts in the reader's language and linking to where it happened. Opening one marks it read;
 * *Merk alle som lest* marks all (`POST /v1/notifications/read`).
 */
type NotificationList = Answer<"/v1/notifications", "get">;
export type PortalNotification = NotificationList["items"][number];

const LEDGERS: Record<string, string> = { poweroffice: "PowerOffice Go", procountor: "Procountor", "visma-net": "Visma.net" };
const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" ? v : 0);

/** A notification in words, from its kind and facts. */
export function notificationText(locale: Locale, n: PortalNotification): string {
  const d = n.data;
  switch (n.kind) {
    case "waiting": {
      const text = translate(locale, "notifications.waiting", { drafts: num(d.drafts), atGate: num(d.atGate) });
      return num(d.clients) > 1 ? `${text} ${translate(locale, "notifications.waitingClients", { clients: num(d.clients) })}` : text;
    }
    case "settlement": {
      const period = { from: formatDate(str(d.periodFrom), locale), to: formatDate(str(d.periodTo), locale) };
      const currency = str(d.currency);
      if (str(d.payout) && str(d.payout) !== "0.00") return translate(locale, "notifications.settlementPayout", { ...period, amount: formatMoney(str(d.payout), currency, locale) });
      if (str(d.invoice) && str(d.invoice) !== "0.00") return translate(locale, "notifications.settlementInvoice", { ...period, amount: formatMoney(str(d.invoice), currency, locale) });
      return translate(locale, "notifications.settlementNothing", period);
    }
    case "sync-failed": {
      const code = Array.isArray(d.codes) ? str(d.codes[0]) : "";
      const key = `notifications.syncCause.${code}`;
      const cause = translate(locale, hasMessage(key) ? key : "notifications.syncCause.other");
      return translate(locale, "notifications.syncFailed", { ledger: LEDGERS[str(d.ledger)] ?? str(d.ledger), date: formatDate(str(d.failedOn), locale), cause });
    }
    case "message":
      return translate(locale, "notifications.message", { from: str(d.from) });
  }
}

/** Where a notification leads. */
export function notificationLink(n: PortalNotification): string {
  if (n.caseId) return `/cases/${n.caseId}`;
  if (!n.creditorId) return "/";
  if (n.kind === "settlement") return `/creditors/${n.creditorId}/settlements`;
  if (n.kind === "waiting") return `/creditors/${n.creditorId}/${num(n.data.drafts) > 0 ? "drafts" : "cases"}`;
  return `/creditors/${n.creditorId}`;
}

export function NotificationBell() {
  const { t, locale } = useI18n();
  const [list, setList] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const load = useCallback(async () => {
    try {
      setList(await call(client.GET("/v1/notifications", { params: { query: { limit: 20 } } })));
    } catch {
      // The bell stays as it was; the next minute tries again.
    }
  }, []);
  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), 60_000);
    return () => clearInterval(id);
  }, [load]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const markRead = async (body: { ids: number[] } | { all: true }) => {
    try {
      const { unread } = await call(client.POST("/v1/notifications/read", { body }));
      setList((l) => (l ? { unread, items: l.items.map((n) => ("all" in body || body.ids.includes(n.id) ? { ...n, read: true } : n)) } : l));
    } catch {
      // Left unread; nothing else depends on it.
    }
  };
  const unread = list?.unread ?? 0;

  return (
    <div className="notifications" onKeyDown={(e) => e.key === "Escape" && open && close()}>
      <button
        ref={buttonRef}
        type="button"
        className="button small bell"
        aria-expanded={open}
        aria-controls="notification-panel"
        aria-label={t("notifications.button", { count: unread })}
        data-testid="notification-bell"
        onClick={() => {
          if (!open) void load();
          setOpen(!open);
        }}
      >
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 && (
          <span className="badge" aria-hidden="true" data-testid="notification-count">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div id="notification-panel" className="notification-panel" role="region" aria-label={t("notifications.title")}>
          <div className="notification-head">
            <h2>{t("notifications.title")}</h2>
            {unread > 0 && (
              <button type="button" className="button small" onClick={() => void markRead({ all: true })}>
                {t("notifications.markAllRead")}
              </button>
            )}
          </div>
          {list && list.items.length === 0 && <p className="muted">{t("notifications.none")}</p>}
          <ul>
            {list?.items.map((n) => (
              <li key={n.id} className={n.read ? "read" : "unread"} data-testid="notification">
                <Link
                  to={notificationLink(n)}
                  onClick={() => {
                    if (!n.read) void markRead({ ids: [n.id] });
                    setOpen(false);
                  }}
                >
                  {!n.read && <span className="visually-hidden">{t("notifications.unread")}: </span>}
                  {notificationText(locale, n)}
                </Link>
                <span className="muted small">
                  {[n.caseNumber ? t("case.numbered", { number: n.caseNumber }) : null, n.creditorName, formatInstant(n.createdAt, locale)].filter(Boolean).join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
