import { layout, type RenderedMail } from "./mail-templates.js";

/**
 * The e-mails about a person's account — an invitation, a password reset, a registration to
 * confirm, and the answer to a registration with an address that has an account already — in
 * Norwegian (bokmål), Swedish or English, as text and HTML from the same words.
 */
export type AccountMailLocale = "nb" | "en" | "sv";

export const accountMailLocale = (locale: string | null | undefined): AccountMailLocale => (locale === "en" || locale === "sv" ? locale : "nb");

const ROLE_WORDS: Record<AccountMailLocale, Record<string, string>> = {
  nb: { "firm-admin": "administrator", "firm-accountant": "regnskapsfører", "creditor-user": "bruker hos kreditor" },
  en: { "firm-admin": "administrator", "firm-accountant": "accountant", "creditor-user": "creditor user" },
  sv: { "firm-admin": "administratör", "firm-accountant": "redovisningskonsult", "creditor-user": "användare hos borgenären" },
};

/** An invitation: who invites, to what, as which role; the link sets the password (valid `days` days). */
export function invitationMail(locale: AccountMailLocale, d: { name: string; inviter: string; organisation: string; role: string; link: string; days: number }): RenderedMail {
  const role = ROLE_WORDS[locale][d.role] ?? d.role;
  if (locale === "en")
    return layout(`${d.inviter} invites you to Fordring (${d.organisation})`, [`Hello ${d.name},`, `${d.inviter} has invited you to ${d.organisation} in Fordring as ${role}.`, `Choose your password with the link below. The link works once and for ${d.days} days.`], [], { href: d.link, label: "Accept the invitation" }, "If you did not expect this invitation, ignore this e-mail: nothing happens until the link is used.");
  if (locale === "sv")
    return layout(`${d.inviter} bjuder in dig till Fordring (${d.organisation})`, [`Hej ${d.name},`, `${d.inviter} har bjudit in dig till ${d.organisation} i Fordring som ${role}.`, `Välj ditt lösenord med länken nedan. Länken fungerar en gång och i ${d.days} dagar.`], [], { href: d.link, label: "Tacka ja till inbjudan" }, "Om du inte väntade dig inbjudan kan du bortse från e-postmeddelandet: inget händer förrän länken används.");
  return layout(`${d.inviter} inviterer deg til Fordring (${d.organisation})`, [`Hei ${d.name},`, `${d.inviter} har invitert deg til ${d.organisation} i Fordring som ${role}.`, `Velg passordet ditt med lenken nedenfor. Lenken virker én gang og i ${d.days} dager.`], [], { href: d.link, label: "Godta invitasjonen" }, "Ventet du ikke denne invitasjonen, kan du se bort fra e-posten: ingenting skjer før lenken brukes.");
}

/** A new role for a person who has an account already (no link to set a password). */
export function accessGrantedMail(locale: AccountMailLocale, d: { name: string; inviter: string; organisation: string; role: string; link: string }): RenderedMail {
  const role = ROLE_WORDS[locale][d.role] ?? d.role;
  if (locale === "en") return layout(`You now have access to ${d.organisation} in Fordring`, [`Hello ${d.name},`, `${d.inviter} has given you access to ${d.organisation} as ${role}. Log in with your usual password.`], [], { href: d.link, label: "Open Fordring" }, "If this is unexpected, tell the person who added you.");
  if (locale === "sv") return layout(`Du har nu tillgång till ${d.organisation} i Fordring`, [`Hej ${d.name},`, `${d.inviter} har gett dig tillgång till ${d.organisation} som ${role}. Logga in med ditt vanliga lösenord.`], [], { href: d.link, label: "Öppna Fordring" }, "Om detta är oväntat, säg till personen som lade till dig.");
  return layout(`Du har nå tilgang til ${d.organisation} i Fordring`, [`Hei ${d.name},`, `${d.inviter} har gitt deg tilgang til ${d.organisation} som ${role}. Logg inn med passordet du har.`], [], { href: d.link, label: "Åpne Fordring" }, "Er dette uventet, si fra til den som la deg til.");
}

/** A password reset link (valid `minutes` minutes, once). */
export function passwordResetMail(locale: AccountMailLocale, d: { name: string; link: string; minutes: number }): RenderedMail {
  if (locale === "en") return layout("Reset your Fordring password", [`Hello ${d.name},`, `someone (we hope you) asked to reset the password of this address in Fordring. Choose a new password with the link below. The link works once and for ${d.minutes} minutes.`], [], { href: d.link, label: "Choose a new password" }, "If you did not ask for this, ignore this e-mail: your password stays as it is.");
  if (locale === "sv") return layout("Återställ ditt lösenord i Fordring", [`Hej ${d.name},`, `någon (förhoppningsvis du) bad om att återställa lösenordet för den här adressen i Fordring. Välj ett nytt lösenord med länken nedan. Länken fungerar en gång och i ${d.minutes} minuter.`], [], { href: d.link, label: "Välj ett nytt lösenord" }, "Om du inte bad om detta kan du bortse från e-postmeddelandet: ditt lösenord är oförändrat.");
  return layout("Tilbakestill passordet ditt i Fordring", [`Hei ${d.name},`, `noen (forhåpentligvis du) ba om å tilbakestille passordet for denne adressen i Fordring. Velg et nytt passord med lenken nedenfor. Lenken virker én gang og i ${d.minutes} minutter.`], [], { href: d.link, label: "Velg nytt passord" }, "Ba du ikke om dette, kan du se bort fra e-posten: passordet ditt er uendret.");
}

/** A firm's registration to confirm (valid `days` days, once). */
export function confirmRegistrationMail(locale: AccountMailLocale, d: { name: string; firm: string; link: string; days: number }): RenderedMail {
  if (locale === "en") return layout(`Confirm the registration of ${d.firm} in Fordring`, [`Hello ${d.name},`, `confirm your e-mail address to finish registering ${d.firm}. The link works once and for ${d.days} days; then log in with the password you chose.`], [], { href: d.link, label: "Confirm and finish the registration" }, "If you did not register, ignore this e-mail: nothing is created until the link is used.");
  if (locale === "sv") return layout(`Bekräfta registreringen av ${d.firm} i Fordring`, [`Hej ${d.name},`, `bekräfta din e-postadress för att slutföra registreringen av ${d.firm}. Länken fungerar en gång och i ${d.days} dagar; logga sedan in med lösenordet du valde.`], [], { href: d.link, label: "Bekräfta och slutför registreringen" }, "Om du inte registrerade dig kan du bortse från e-postmeddelandet: inget skapas förrän länken används.");
  return layout(`Bekreft registreringen av ${d.firm} i Fordring`, [`Hei ${d.name},`, `bekreft e-postadressen din for å fullføre registreringen av ${d.firm}. Lenken virker én gang og i ${d.days} dager; logg deretter inn med passordet du valgte.`], [], { href: d.link, label: "Bekreft og fullfør registreringen" }, "Registrerte du deg ikke, kan du se bort fra e-posten: ingenting opprettes før lenken brukes.");
}

/** Someone registered with an address that has an account: say so to its owner (the registrant learns nothing). */
export function alreadyRegisteredMail(locale: AccountMailLocale, d: { name: string; loginLink: string; resetLink: string }): RenderedMail {
  if (locale === "en") return layout("Someone tried to register with your address in Fordring", [`Hello ${d.name},`, "a registration was started in Fordring with this e-mail address, which already has an account. Nothing was created. Log in as usual; if you forgot your password, reset it."], [`Reset the password: ${d.resetLink}`], { href: d.loginLink, label: "Log in" }, "If it was not you, you need not do anything.");
  if (locale === "sv") return layout("Någon försökte registrera sig med din adress i Fordring", [`Hej ${d.name},`, "en registrering påbörjades i Fordring med den här e-postadressen, som redan har ett konto. Inget skapades. Logga in som vanligt; om du glömt lösenordet, återställ det."], [`Återställ lösenordet: ${d.resetLink}`], { href: d.loginLink, label: "Logga in" }, "Om det inte var du behöver du inte göra något.");
  return layout("Noen prøvde å registrere seg med adressen din i Fordring", [`Hei ${d.name},`, "en registrering ble startet i Fordring med denne e-postadressen, som allerede har en konto. Ingenting ble opprettet. Logg inn som vanlig; har du glemt passordet, tilbakestill det."], [`Tilbakestill passordet: ${d.resetLink}`], { href: d.loginLink, label: "Logg inn" }, "Var det ikke deg, trenger du ikke gjøre noe.");
}
