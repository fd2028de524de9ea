/**
 * The e-mails to users, in Norwegian (bokmål), English or Swedish by the user's language, each as text and
 * as HTML from the same words (every value is HTML-escaped). One function per e-mail.
 */
export type MailLocale = "nb" | "en" | "sv";

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface DigestCreditor {
  readonly name: string;
  readonly drafts: number;
  readonly atGate: number;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function layout(title: string, paragraphs: readonly string[], list: readonly string[], link: { href: string; label: string } | null, footer: string): RenderedMail & { subject: string } {
  const text = [title, "", ...paragraphs, "", ...list.map((l) => `- ${l}`), ...(link ? ["", `${link.label}: ${link.href}`] : []), "", footer, ""].join("\n");
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h1 style="font-size:18px">${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${list.length ? `<ul>${list.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>` : ""}
${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ""}
<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>
</body></html>
`;
  return { subject: title, text, html };
}

/** The daily digest: drafts waiting for approval and cases waiting at a gate, per client. */
export function dailyDigestMail(locale: MailLocale, d: { name: string; date: string; creditors: readonly DigestCreditor[]; portalUrl: string }): RenderedMail {
  const drafts = d.creditors.reduce((n, c) => n + c.drafts, 0);
  const gates = d.creditors.reduce((n, c) => n + c.atGate, 0);
  if (locale === "en") {
    const r = layout(
      `Waiting for you: ${drafts} draft${drafts === 1 ? "" : "s"}, ${gates} case${gates === 1 ? "" : "s"} at an approval (${d.date})`,
      [`Hello ${d.name},`, "these wait for your approval in Fordring:"],
      d.creditors.map((c) => `${c.name}: ${c.drafts} draft${c.drafts === 1 ? "" : "s"} to transfer, ${c.atGate} case${c.atGate === 1 ? "" : "s"} waiting at an approval`),
      { href: d.portalUrl, label: "Open Fordring" },
      "You get this e-mail on days when something waits for you. Turn it off under your profile in the portal.",
    );
    return r;
  }
  if (locale === "sv") {
    return layout(
      `Väntar på dig: ${drafts} utkast, ${gates} ${gates === 1 ? "ärende" : "ärenden"} att godkänna (${d.date})`,
      [`Hej ${d.name},`, "detta väntar på ditt godkännande i Fordring:"],
      d.creditors.map((c) => `${c.name}: ${c.drafts} utkast att överlämna, ${c.atGate} ${c.atGate === 1 ? "ärende" : "ärenden"} som väntar på godkännande`),
      { href: d.portalUrl, label: "Öppna Fordring" },
      "Du får detta e-postmeddelande de dagar något väntar på dig. Stäng av det under din profil i portalen.",
    );
  }
  return layout(
    `Venter på deg: ${drafts} utkast, ${gates} ${gates === 1 ? "sak" : "saker"} til godkjenning (${d.date})`,
    [`Hei ${d.name},`, "dette venter på din godkjenning i Fordring:"],
    d.creditors.map((c) => `${c.name}: ${c.drafts} utkast til overføring, ${c.atGate} ${c.atGate === 1 ? "sak" : "saker"} som venter på godkjenning`),
    { href: d.portalUrl, label: "Åpne Fordring" },
    "Du får denne e-posten de dagene noe venter på deg. Slå den av under profilen din i portalen.",
  );
}
