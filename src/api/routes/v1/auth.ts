import { setDailyDigest } from "../../../notifications/daily-digest.js";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { writeAudit } from "../../../access/audit.js";
import { dummyHash, verifyPassword } from "../../../access/passwords.js";
import { SESSION_COOKIE, createSession, deleteSession, ABSOLUTE_MS } from "../../../access/sessions.js";
import { findUserByEmail, loadMemberships, loadUser, recordLogin, setUserLocale } from "../../../access/users.js";
import type { AppContext } from "../../context.js";
import { ApiError } from "../../errors.js";
import { Membership, User } from "./shapes.js";

/** Log in and out; who am I. A wrong e-mail and a wrong password get the same answer in the same time. */
export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // Secure unless the portal is plainly served over http (the local demo, or an explicit http:// URL).
    const publicUrl = ctx.config.publicUrl;
    const secure = publicUrl ? publicUrl.startsWith("https://") : !["127.0.0.1", "localhost", "::1"].includes(ctx.config.host);
    const Me = z.object({ user: User, memberships: z.array(Membership), csrfToken: z.string() });

    app.post(
      "/auth/login",
      {
        config: { access: { public: true }, rateLimit: { max: ctx.config.loginRateLimit, timeWindow: "1 minute" } },
        schema: { tags: ["auth"], summary: "Log in with e-mail and password", body: z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(512) }), response: { 200: Me } },
      },
      async (req, reply) => {
        req.auditLabel = req.body.email.toLowerCase().slice(0, 320);
        const user = await findUserByEmail(ctx.database, req.body.email);
        const ok = await verifyPassword(req.body.password, user?.password_hash ?? (await dummyHash()));
        if (!user || !ok || user.disabled) {
          await writeAudit(ctx.database, { actorKind: "anonymous", actorId: null, actorLabel: req.auditLabel, firmId: null, creditorId: null, action: "login", target: null, ip: req.ip, outcome: "denied", details: { reason: !user ? "unknown e-mail" : user.disabled ? "disabled" : "wrong password" } });
          throw new ApiError(401, "invalid_login", "wrong e-mail or password");
        }
        const old = req.cookies[SESSION_COOKIE];
        if (old) await deleteSession(ctx.database, old);
        const now = ctx.clock.now();
        const session = await createSession(ctx.database, { userId: user.id, ip: req.ip, userAgent: req.headers["user-agent"] ?? null, now });
        await recordLogin(ctx.database, user.id, now);
        await writeAudit(ctx.database, { actorKind: "user", actorId: user.id, actorLabel: user.email, firmId: null, creditorId: null, action: "login", target: null, ip: req.ip, outcome: "ok" });
        reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "strict", secure, path: "/", maxAge: ABSOLUTE_MS / 1000 });
        return { user: { id: user.id, email: user.email, name: user.name, locale: user.locale }, memberships: await loadMemberships(ctx.database, user.id), csrfToken: session.csrfToken };
      },
    );

    app.post(
      "/auth/logout",
      { config: { access: { scoped: "read" } }, schema: { tags: ["auth"], summary: "End the session", response: { 204: z.null() } } },
      async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await deleteSession(ctx.database, token);
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return reply.status(204).send(null);
      },
    );

    app.get("/me", { config: { access: { scoped: "read" } }, schema: { tags: ["auth"], summary: "The caller, its roles and its CSRF token", response: { 200: Me } } }, async (req) => {
      const p = req.access.principal;
      if (p.kind === "api-client") {
        const g = p.grants[0]!;
        return { user: { id: p.id, email: "", name: p.label, locale: "en" }, memberships: [{ ...g, firmName: null, creditorName: null }], csrfToken: "" };
      }
      const u = await loadUser(ctx.database, p.id);
      return { user: u!, memberships: await loadMemberships(ctx.database, p.id), csrfToken: p.csrfToken ?? "" };
    });

    app.patch(
      "/me",
      { config: { access: { scoped: "read" } }, schema: { tags: ["auth"], summary: "Change the portal language", body: z.object({ locale: z.enum(["nb", "en", "sv"]) }), response: { 200: z.object({ locale: z.enum(["nb", "en", "sv"]) }) } } },
      async (req) => {
        if (req.access.principal.kind !== "user") throw new ApiError(409, "not_a_user", "an API client has no portal language");
        await setUserLocale(ctx.database, req.access.principal.id, req.body.locale);
        return { locale: req.body.locale };
      },
    );

    app.put(
      "/me/daily-digest",
      { config: { access: { scoped: "read" } }, schema: { tags: ["auth"], summary: "Turn the daily digest e-mail (drafts and approvals waiting) on or off", body: z.object({ enabled: z.boolean() }), response: { 200: z.object({ enabled: z.boolean() }) } } },
      async (req) => {
        if (req.access.principal.kind !== "user") throw new ApiError(409, "not_a_user", "an API client gets no e-mail");
        await setDailyDigest(ctx.database, req.access.principal.id, req.body.enabled);
        return { enabled: req.body.enabled };
      },
    );
  };
