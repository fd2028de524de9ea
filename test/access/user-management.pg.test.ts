import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";
import { startSmtpCapture, tokenFrom, type SmtpCapture } from "../support/smtp-capture.js";
import type { SimulatedClock } from "../../src/platform/clock.js";

/**
 * Invitations, password resets, deactivation and registration by e-mail (issue 20 item 6, issue
 * 14 item 6), over the API on a real PostgreSQL, the e-mails sent to a real SMTP server.
 */
let t: TestApp;
let smtp: SmtpCapture;
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await createTestApp({ env: { FORDRING_PUBLIC_URL: "https://portal.example" } });
  t.ctx.mailer = smtp.mailer;
  a = await seedTenant(t, "Alfa", "974760673");
  b = await seedTenant(t, "Beta", "923609016");
}, 60_000);
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const post = (url: string, headers: Record<string, string>, payload: unknown = {}) => t.app.inject({ method: "POST", url, headers, payload: payload as Record<string, unknown> });
const anonymous = (url: string, payload: unknown) => t.app.inject({ method: "POST", url, payload: payload as Record<string, unknown> });
const canLogIn = async (email: string, password: string) => (await anonymous("/v1/auth/login", { email, password })).statusCode === 200;

describe("invitations", () => {
  it("a firm admin invites a colleague: an e-mail in the invitee's language with a link that sets the password, once", async () => {
    const s = await login(t, a.users.firmAdmin);
    const res = await post(`/v1/firms/${a.firmId}/invitations`, s, { email: "Nina@Firm.test", name: "Nina Nilsen", role: "firm-accountant", locale: "en" });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe("invited");
    const mail = await smtp.waitFor("nina@firm.test");
    expect(mail.text).toContain("Subject: admin-alfa@firm.test invites you to Fordring (Firm Alfa)");
    expect(mail.text).toContain("Content-Type: text/plain");
    expect(mail.text).toContain("Content-Type: text/html");
    expect(mail.text).toContain("as accountant");
    const token = tokenFrom(mail, "https://portal.example/accept-invitation");

    const team = await t.app.inject({ method: "GET", url: `/v1/firms/${a.firmId}/users`, headers: s });
    expect(team.json().users.find((u: { email: string }) => u.email === "nina@firm.test")).toMatchObject({ status: "invited", roles: [{ role: "firm-accountant" }] });
    expect(await canLogIn("nina@firm.test", "")).toBe(false);

    const weak = await anonymous("/v1/invitations/accept", { token, password: "short" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe("password");
    const accepted = await anonymous("/v1/invitations/accept", { token, password: "Ninas eget passord" });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ email: "nina@firm.test" });
    expect(await canLogIn("nina@firm.test", "Ninas eget passord")).toBe(true);
    const again = await anonymous("/v1/invitations/accept", { token, password: "et annet passord" });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toContain("used already");
    expect(await canLogIn("nina@firm.test", "et annet passord")).toBe(false);
    const forged = await anonymous("/v1/invitations/accept", { token: token.slice(0, -2) + "xx", password: "et annet passord" });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().error.message).toContain("not valid");

    const after = await t.app.inject({ method: "GET", url: `/v1/firms/${a.firmId}/users`, headers: s });
    expect(after.json().users.find((u: { email: string }) => u.email === "nina@firm.test").status).toBe("active");
  });

  it("a client's user is invited as creditor-user, in Swedish; a person with an account gets the role and a note, no link", async () => {
    const s = await login(t, a.users.firmAdmin);
    const sv = await post(`/v1/creditors/${a.creditorId}/invitations`, s, { email: "sven@kund.test", name: "Sven Svensson", locale: "sv" });
    expect(sv.statusCode).toBe(201);
    const mail = await smtp.waitFor("sven@kund.test");
    expect(mail.text).toContain("har bjudit in dig till Creditor Alfa AS i Fordring som användare hos borgenären");
    expect(mail.text).toContain("Länken fungerar en gång och i 7 dagar");

    const existing = await post(`/v1/creditors/${a.creditorId}/invitations`, s, { email: b.users.accountant.email, name: "whoever" });
    expect(existing.json().status).toBe("granted");
    const note = await smtp.waitFor(b.users.accountant.email);
    expect(note.text).toContain("Du har n=C3=A5 tilgang".replace("=C3=A5", "å"));
    expect(note.text).not.toContain("accept-invitation");
    const twice = await post(`/v1/creditors/${a.creditorId}/invitations`, s, { email: b.users.accountant.email, name: "whoever" });
    expect(twice.statusCode).toBe(409);
  });

  it("only an administrator invites, only into their own firm, only with the scope's roles", async () => {
    const accountant = await login(t, a.users.accountant);
    expect((await post(`/v1/firms/${a.firmId}/invitations`, accountant, { email: "x@firm.test", name: "X", role: "firm-admin" })).statusCode).toBe(403);
    const admin = await login(t, a.users.firmAdmin);
    expect((await post(`/v1/firms/${b.firmId}/invitations`, admin, { email: "x@firm.test", name: "X", role: "firm-admin" })).statusCode).toBe(404);
    expect((await post(`/v1/firms/${a.firmId}/invitations`, admin, { email: "x@firm.test", name: "X", role: "operator-admin" })).statusCode).toBe(400);
  });

  it("an SMTP server that refuses leaves no user and no role behind", async () => {
    const s = await login(t, a.users.firmAdmin);
    smtp.refuse = true;
    try {
      const res = await post(`/v1/firms/${a.firmId}/invitations`, s, { email: "refused@firm.test", name: "Refused", role: "firm-accountant" });
      expect(res.statusCode).toBe(500);
    } finally {
      smtp.refuse = false;
    }
    expect(await t.ctx.database.query("select 1 from users where email = 'refused@firm.test'")).toHaveLength(0);
  });
});

describe("password reset", () => {
  it("the same answer for any address; a link only to an account; the link sets the password once and ends the user's sessions", async () => {
    const who = b.users.firmAdmin;
    const session = await login(t, who);
    const known = await anonymous("/v1/auth/password-reset", { email: who.email.toUpperCase() });
    const unknown = await anonymous("/v1/auth/password-reset", { email: "nobody@nowhere.test" });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const mail = await smtp.waitFor(who.email);
    expect(mail.text).toContain("Tilbakestill passordet ditt i Fordring");
    expect(mail.text).toContain("Lenken virker én gang og i 60 minutter");
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received.filter((m) => m.to === "nobody@nowhere.test")).toHaveLength(0);

    const token = tokenFrom(mail, "https://portal.example/reset-password");
    const res = await anonymous("/v1/auth/password-reset/confirm", { token, password: "et helt nytt passord" });
    expect(res.statusCode).toBe(200);
    expect(await canLogIn(who.email, "et helt nytt passord")).toBe(true);
    expect(await canLogIn(who.email, who.password)).toBe(false);
    expect((await t.app.inject({ method: "GET", url: "/v1/me", headers: session })).statusCode).toBe(401);
    const reuse = await anonymous("/v1/auth/password-reset/confirm", { token, password: "nok et nytt passord" });
    expect(reuse.statusCode).toBe(422);
    expect(reuse.json().error.message).toContain("used already");
  });

  it("a reset link works for an hour", async () => {
    const who = b.users.creditorUser;
    await anonymous("/v1/auth/password-reset", { email: who.email });
    const token = tokenFrom(await smtp.waitFor(who.email), "/reset-password");
    const clock = t.ctx.clock as SimulatedClock;
    clock.advanceDays(1);
    try {
      const res = await anonymous("/v1/auth/password-reset/confirm", { token, password: "et helt nytt passord" });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain("expired");
    } finally {
      clock.advanceDays(-1);
    }
    expect(await canLogIn(who.email, who.password)).toBe(true);
  });
});

describe("deactivation", () => {
  it("a deactivated user's session, login and API keys stop working; reactivated, the login works again and the key stays revoked", async () => {
    const admin = await login(t, a.users.firmAdmin);
    const user = await login(t, a.users.creditorUser);
    const made = await post(`/v1/creditors/${a.creditorId}/api-clients`, user, { name: "integrasjon" });
    expect(made.statusCode).toBe(201);
    const key = { authorization: `Bearer ${made.json().key as string}` };
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}`, headers: key })).statusCode).toBe(200);

    const team = await t.app.inject({ method: "GET", url: `/v1/firms/${a.firmId}/users`, headers: admin });
    const userId = team.json().users.find((u: { email: string }) => u.email === a.users.creditorUser.email).userId as string;
    const off = await post(`/v1/firms/${a.firmId}/users/${userId}/deactivate`, admin);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({ revokedKeys: 1 });
    expect((await t.app.inject({ method: "GET", url: "/v1/me", headers: user })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}`, headers: key })).statusCode).toBe(401);
    expect(await canLogIn(a.users.creditorUser.email, a.users.creditorUser.password)).toBe(false);
    const listed = await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/users`, headers: admin });
    expect(listed.json().users.find((u: { userId: string }) => u.userId === userId).status).toBe("deactivated");

    expect((await post(`/v1/firms/${a.firmId}/users/${userId}/reactivate`, admin)).statusCode).toBe(204);
    expect(await canLogIn(a.users.creditorUser.email, a.users.creditorUser.password)).toBe(true);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}`, headers: key })).statusCode).toBe(401);
  });

  it("not yourself, not another firm's people, not someone who also works elsewhere", async () => {
    const admin = await login(t, a.users.firmAdmin);
    const team = (await t.app.inject({ method: "GET", url: `/v1/firms/${a.firmId}/users`, headers: admin })).json().users as { userId: string; email: string }[];
    const me = team.find((u) => u.email === a.users.firmAdmin.email)!.userId;
    expect((await post(`/v1/firms/${a.firmId}/users/${me}/deactivate`, admin)).statusCode).toBe(409);
    // b's accountant was given a role at a's client above: a role elsewhere too.
    const shared = team.find((u) => u.email === b.users.accountant.email)!.userId;
    const refused = await post(`/v1/firms/${a.firmId}/users/${shared}/deactivate`, admin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain("outside this firm");
    const bTeam = (await t.app.inject({ method: "GET", url: `/v1/firms/${b.firmId}/users`, headers: await login(t, b.users.accountant) })).json().users as { userId: string; email: string }[];
    const bAdmin = bTeam.find((u) => u.email === b.users.firmAdmin.email)!.userId;
    expect((await post(`/v1/firms/${a.firmId}/users/${bAdmin}/deactivate`, admin)).statusCode).toBe(404);
  });
});

describe("roles", () => {
  it("a colleague becomes administrator; the last administrator cannot step down", async () => {
    const admin = await login(t, a.users.firmAdmin);
    const team = (await t.app.inject({ method: "GET", url: `/v1/firms/${a.firmId}/users`, headers: admin })).json().users as { userId: string; email: string; roles: { role: string }[] }[];
    const me = team.find((u) => u.email === a.users.firmAdmin.email)!.userId;
    const accountant = team.find((u) => u.email === a.users.accountant.email)!.userId;
    const alone = await t.app.inject({ method: "PUT", url: `/v1/firms/${a.firmId}/users/${me}/role`, headers: admin, payload: { role: "firm-accountant" } });
    expect(alone.statusCode).toBe(409);
    const up = await t.app.inject({ method: "PUT", url: `/v1/firms/${a.firmId}/users/${accountant}/role`, headers: admin, payload: { role: "firm-admin" } });
    expect(up.statusCode).toBe(200);
    const promoted = await login(t, a.users.accountant);
    expect((await post(`/v1/firms/${a.firmId}/invitations`, promoted, { email: "ny@firm.test", name: "Ny", role: "firm-accountant" })).statusCode).toBe(201);
    const down = await t.app.inject({ method: "PUT", url: `/v1/firms/${a.firmId}/users/${me}/role`, headers: admin, payload: { role: "firm-accountant" } });
    expect(down.statusCode).toBe(200);
  });
});

describe("registration ends with 'check your e-mail'", () => {
  const firm = (email: string) => ({ name: "Regnskap Sør AS", orgNumber: "923609016", address: { line1: "Markens gate 1", postcode: "4610", city: "Kristiansand" }, contact: { name: "Siri Sør", email }, admin: { email, name: "Siri Sør", password: "Siris lange passord" } });

  it("the same answer for a new address and a taken one; the new one gets a link that creates the firm, the taken one a note", async () => {
    const fresh = await anonymous("/v1/firms", firm("siri@regnskapsor.no"));
    const taken = await anonymous("/v1/firms", firm(a.users.firmAdmin.email));
    expect(fresh.statusCode).toBe(202);
    expect(taken.statusCode).toBe(202);
    expect(taken.body).toBe(fresh.body);
    expect(fresh.json()).toEqual({ status: "check-your-email" });
    expect(await t.ctx.database.query("select 1 from accounting_firms where name = 'Regnskap Sør AS'")).toHaveLength(0);

    const note = await smtp.waitFor(a.users.firmAdmin.email);
    expect(note.text).toContain("Noen prøvde å registrere seg med adressen din i Fordring");
    expect(note.text).toContain("https://portal.example/forgot-password");
    const mail = await smtp.waitFor("siri@regnskapsor.no");
    expect(mail.text).toContain("Bekreft registreringen av Regnskap Sør AS i Fordring");
    const token = tokenFrom(mail, "https://portal.example/confirm-registration");
    expect(await canLogIn("siri@regnskapsor.no", "Siris lange passord")).toBe(false);

    const confirmed = await anonymous("/v1/registrations/confirm", { token });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().email).toBe("siri@regnskapsor.no");
    expect(await canLogIn("siri@regnskapsor.no", "Siris lange passord")).toBe(true);
    const s = await login(t, { email: "siri@regnskapsor.no", password: "Siris lange passord" });
    const me = await t.app.inject({ method: "GET", url: "/v1/me", headers: s });
    expect(me.json().memberships).toEqual([expect.objectContaining({ role: "firm-admin", firmId: confirmed.json().firmId, firmName: "Regnskap Sør AS" })]);
    expect((await anonymous("/v1/registrations/confirm", { token })).statusCode).toBe(422);
  });

  it("an invalid organisation number is still refused at once (it says nothing about accounts)", async () => {
    const res = await anonymous("/v1/firms", { ...firm("ola@x.test"), orgNumber: "123456789" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("orgNumber");
  });
});
