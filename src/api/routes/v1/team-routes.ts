import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { acceptInvitation, changeFirmRole, confirmFirmRegistration, deactivateUser, inviteUser, reactivateUser, requestPasswordReset, resetPassword, type TeamScope } from "../../../onboarding/user-management.js";
import { listTeam } from "../../../read-models/team.js";
import type { Mailer } from "../../../notifications/mailer.js";
import type { AppContext } from "../../context.js";
import { tenantOf } from "../../access.js";
import { ApiError } from "../../errors.js";
import { ErrorBody, iso } from "./shapes.js";

/**
 * People: invitations by e-mail, roles, deactivation, password resets, and the link that
 * finishes a firm's registration (POST /v1/firms answers "check your e-mail"). docs/API.md.
 */
export const CHECK_YOUR_EMAIL = { status: "check-your-email" as const };

/** The mailer, or 503: these routes promise an e-mail. */
export function mailerOf(ctx: AppContext): Mailer {
  if (!ctx.mailer) throw new ApiError(503, "mail_not_configured", "e-mail is not configured on this server (FORDRING_SMTP_URL, FORDRING_MAIL_FROM): invitations, password resets and registration need it");
  return ctx.mailer;
}

/** Where the links in e-mails point: FORDRING_PUBLIC_URL, else this server. */
export const portalUrlOf = (ctx: AppContext) => ctx.config.publicUrl ?? `http://${ctx.config.host === "0.0.0.0" ? "localhost" : ctx.config.host}:${ctx.config.port}`;

export const teamRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const Token = z.string().min(20).max(200);
    const Password = z.string().min(1).max(512);
    const Locale = z.enum(["nb", "en", "sv"]);
    const CheckEmail = z.object({ status: z.literal("check-your-email") });
    /** Declared on the routes that send e-mail. */
    const NoMail = ErrorBody.describe("E-mail is not configured on this server (mail_not_configured)");
    const publicLimited = { access: { public: true as const }, rateLimit: { max: ctx.config.loginRateLimit, timeWindow: "1 minute" } };

    app.post(
      "/auth/password-reset",
      {
        config: publicLimited,
        schema: { tags: ["auth"], summary: "Ask for a password reset link by e-mail (the same answer whether the address has an account or not)", body: z.object({ email: z.email().max(320) }), response: { 202: CheckEmail, 503: NoMail } },
      },
      async (req, reply) => {
        const mailer = mailerOf(ctx);
        req.auditLabel = req.body.email.toLowerCase().slice(0, 320);
        // Not awaited: the answer takes as long whether or not an e-mail goes out.
        requestPasswordReset(ctx.database, mailer, { email: req.body.email, portalUrl: portalUrlOf(ctx), now: ctx.clock.now() }).catch((e: unknown) => req.log.error({ err: e }, "the password reset e-mail was not sent"));
        return reply.status(202).send(CHECK_YOUR_EMAIL);
      },
    );

    app.post(
      "/auth/password-reset/confirm",
      { config: publicLimited, schema: { tags: ["auth"], summary: "Set a new password with the link's token (once, within an hour); ends the user's sessions", body: z.object({ token: Token, password: Password }), response: { 200: z.object({ email: z.string() }) } } },
      async (req) => resetPassword(ctx.database, { token: req.body.token, password: req.body.password, now: ctx.clock.now() }),
    );

    app.post(
      "/invitations/accept",
      { config: publicLimited, schema: { tags: ["auth"], summary: "Accept an invitation: choose the password (once, within seven days)", body: z.object({ token: Token, password: Password }), response: { 200: z.object({ email: z.string() }) } } },
      async (req) => acceptInvitation(ctx.database, { token: req.body.token, password: req.body.password, now: ctx.clock.now() }),
    );

    app.post(
      "/registrations/confirm",
      { config: publicLimited, schema: { tags: ["onboarding"], summary: "Confirm a firm's registration with the e-mailed link's token: creates the firm and its administrator", body: z.object({ token: Token }), response: { 201: z.object({ firmId: z.string(), email: z.string() }) } } },
      async (req, reply) => {
        const out = await confirmFirmRegistration(ctx.database, { token: req.body.token, now: ctx.clock.now() });
        req.auditTenant = { firmId: out.firmId, creditorId: null };
        req.auditLabel = out.email;
        return reply.status(201).send({ firmId: out.firmId, email: out.email });
      },
    );

    const Member = z.object({
      userId: z.string(),
      email: z.string(),
      name: z.string(),
      status: z.enum(["active", "invited", "deactivated"]),
      lastLoginAt: z.string().nullable(),
      roles: z.array(z.object({ role: z.string(), creditorId: z.string().nullable(), creditorName: z.string().nullable() })),
    });
    const team = async (scope: TeamScope) => ({ users: (await listTeam(ctx.database, scope)).map((m) => ({ ...m, lastLoginAt: iso(m.lastLoginAt) })) });
    const inviter = (req: { access: { principal: { label: string; kind: string } } }) => req.access.principal.label;
    const Invite = { email: z.email().max(320), name: z.string().min(1).max(200), locale: Locale.optional() };
    const Invited = z.object({ userId: z.string(), status: z.enum(["invited", "granted"]) });
    const Deactivated = z.object({ revokedKeys: z.number().describe("API keys this user made, now revoked") });
    const byWhom = (req: { access: { principal: { id: string } } }) => req.access.principal.id;

    const firmParam = z.object({ firmId: z.string() });
    const firmUserParam = z.object({ firmId: z.string(), userId: z.string().uuid() });
    app.get(
      "/firms/:firmId/users",
      { config: { access: { resource: "firm", param: "firmId", permission: "read" } }, schema: { tags: ["users"], summary: "The firm's people: colleagues and its clients' users, with roles and status", params: firmParam, response: { 200: z.object({ users: z.array(Member) }) } } },
      async (req) => team({ firmId: tenantOf(req).firmId! }),
    );
    app.post(
      "/firms/:firmId/invitations",
      {
        config: { access: { resource: "firm", param: "firmId", permission: "admin" } },
        schema: { tags: ["users"], summary: "Invite a colleague by e-mail (the link sets the password); a person with an account gets the role at once", params: firmParam, body: z.object({ ...Invite, role: z.enum(["firm-admin", "firm-accountant"]) }), response: { 201: Invited, 503: NoMail } },
      },
      async (req, reply) => reply.status(201).send(await inviteUser(ctx.database, mailerOf(ctx), { scope: { firmId: tenantOf(req).firmId! }, ...req.body, inviter: inviter(req), portalUrl: portalUrlOf(ctx), now: ctx.clock.now() })),
    );
    app.put(
      "/firms/:firmId/users/:userId/role",
      { config: { access: { resource: "firm", param: "firmId", permission: "admin" } }, schema: { tags: ["users"], summary: "Change a colleague's role (the firm keeps at least one administrator)", params: firmUserParam, body: z.object({ role: z.enum(["firm-admin", "firm-accountant"]) }), response: { 200: z.object({ role: z.string() }) } } },
      async (req) => {
        await changeFirmRole(ctx.database, { firmId: tenantOf(req).firmId!, userId: req.params.userId, role: req.body.role });
        return { role: req.body.role };
      },
    );
    app.post(
      "/firms/:firmId/users/:userId/deactivate",
      { config: { access: { resource: "firm", param: "firmId", permission: "admin" } }, schema: { tags: ["users"], summary: "Deactivate a person of the firm: no login, sessions ended, their API keys revoked", params: firmUserParam, response: { 200: Deactivated } } },
      async (req) => deactivateUser(ctx.database, { scope: { firmId: tenantOf(req).firmId! }, userId: req.params.userId, by: byWhom(req), now: ctx.clock.now() }),
    );
    app.post(
      "/firms/:firmId/users/:userId/reactivate",
      { config: { access: { resource: "firm", param: "firmId", permission: "admin" } }, schema: { tags: ["users"], summary: "Let a deactivated person of the firm in again", params: firmUserParam, response: { 204: z.null() } } },
      async (req, reply) => {
        await reactivateUser(ctx.database, { scope: { firmId: tenantOf(req).firmId! }, userId: req.params.userId });
        return reply.status(204).send(null);
      },
    );

    const creditorParam = z.object({ creditorId: z.string() });
    const creditorUserParam = z.object({ creditorId: z.string(), userId: z.string().uuid() });
    app.get(
      "/creditors/:creditorId/users",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "read" } }, schema: { tags: ["users"], summary: "The creditor's own users", params: creditorParam, response: { 200: z.object({ users: z.array(Member) }) } } },
      async (req) => team({ creditorId: tenantOf(req).creditorId! }),
    );
    app.post(
      "/creditors/:creditorId/invitations",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } }, schema: { tags: ["users"], summary: "Invite a client user (role creditor-user) by e-mail", params: creditorParam, body: z.object(Invite), response: { 201: Invited, 503: NoMail } } },
      async (req, reply) => reply.status(201).send(await inviteUser(ctx.database, mailerOf(ctx), { scope: { creditorId: tenantOf(req).creditorId! }, ...req.body, role: "creditor-user", inviter: inviter(req), portalUrl: portalUrlOf(ctx), now: ctx.clock.now() })),
    );
    app.post(
      "/creditors/:creditorId/users/:userId/deactivate",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } }, schema: { tags: ["users"], summary: "Deactivate a client user: no login, sessions ended, their API keys revoked", params: creditorUserParam, response: { 200: Deactivated } } },
      async (req) => deactivateUser(ctx.database, { scope: { creditorId: tenantOf(req).creditorId! }, userId: req.params.userId, by: byWhom(req), now: ctx.clock.now() }),
    );
    app.post(
      "/creditors/:creditorId/users/:userId/reactivate",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } }, schema: { tags: ["users"], summary: "Let a deactivated client user in again", params: creditorUserParam, response: { 204: z.null() } } },
      async (req, reply) => {
        await reactivateUser(ctx.database, { scope: { creditorId: tenantOf(req).creditorId! }, userId: req.params.userId });
        return reply.status(204).send(null);
      },
    );
  };
