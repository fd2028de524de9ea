import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { permissionsOn } from "../../../access/roles.js";
import { resolveTenant } from "../../../access/tenant.js";
import { webhookUrlProblem } from "../../../webhooks/address-check.js";
import { WEBHOOK_EVENTS, createWebhook, stopWebhook } from "../../../webhooks/webhooks.js";
import { listWebhooks, webhookDeliveries, webhookView, type WebhookViewRow } from "../../../read-models/webhooks.js";
import type { AppContext } from "../../context.js";
import { ApiError } from "../../errors.js";
import { Id, iso } from "./shapes.js";

/** Webhook subscriptions of a firm (all its clients) or a creditor. */
export const webhookRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const Webhook = z.object({ id: z.string(), firmId: z.string().nullable(), creditorId: z.string().nullable(), url: z.string(), events: z.array(z.string()), active: z.boolean(), createdAt: z.string() });
    const view = (r: WebhookViewRow) => ({ id: r.id, firmId: r.firm_id, creditorId: r.creditor_id, url: r.url, events: r.events, active: r.active, createdAt: iso(r.created_at)! });
    const Owner = z.object({ firmId: Id.optional(), creditorId: Id.optional() });

    const administers = async (grants: Parameters<typeof permissionsOn>[0], owner: z.infer<typeof Owner>) => {
      if (!!owner.firmId === !!owner.creditorId) throw new ApiError(400, "invalid_request", "name exactly one of firmId or creditorId", "firmId");
      const tenant = owner.firmId ? await resolveTenant(ctx.database, "firm", owner.firmId) : await resolveTenant(ctx.database, "creditor", owner.creditorId!);
      const perms = tenant ? permissionsOn(grants, tenant) : new Set();
      if (!tenant || !perms.has("read")) throw new ApiError(404, "not_found", `no ${owner.firmId ? "firm" : "creditor"} ${owner.firmId ?? owner.creditorId}`);
      if (!perms.has("admin")) throw new ApiError(403, "forbidden", 'your role may not do this (needs "admin")');
      return tenant;
    };

    app.get(
      "/webhooks",
      { config: { access: { scoped: "admin" } }, schema: { tags: ["webhooks"], summary: "The webhooks of a firm or a creditor", querystring: Owner, response: { 200: z.object({ items: z.array(Webhook) }) } } },
      async (req) => {
        await administers(req.access.principal.grants, req.query);
        const rows = await listWebhooks(ctx.database, { firmId: req.query.firmId ?? null, creditorId: req.query.creditorId ?? null });
        return { items: rows.map(view) };
      },
    );

    app.post(
      "/webhooks",
      {
        config: { access: { scoped: "admin" } },
        schema: {
          tags: ["webhooks"],
          summary: "Subscribe; the signing secret is in this answer only",
          description: "Deliveries are POSTs with `fordring-signature: t=<unix>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">` and `idempotency-key: <event id>`, retried with backoff (1 min doubling to 6 h, 12 attempts).",
          body: Owner.extend({ url: z.url().refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL"), events: z.array(z.enum(WEBHOOK_EVENTS)).min(1) }),
          response: { 201: z.object({ webhook: Webhook, secret: z.string() }) },
        },
      },
      async (req, reply) => {
        const problem = webhookUrlProblem(req.body.url, ctx.config.webhooksAllowPrivate);
        if (problem) throw new ApiError(400, "invalid_request", `body.url: ${problem}`, "body.url");
        const tenant = await administers(req.access.principal.grants, req.body);
        req.auditTenant = tenant;
        const { id, secret } = await createWebhook(ctx.database, ctx.secrets, { firmId: req.body.firmId ?? null, creditorId: req.body.creditorId ?? null, url: req.body.url, events: req.body.events });
        return reply.status(201).send({ webhook: view((await webhookView(ctx.database, id))!), secret });
      },
    );

    app.delete(
      "/webhooks/:webhookId",
      { config: { access: { resource: "webhook", param: "webhookId", permission: "admin" } }, schema: { tags: ["webhooks"], summary: "Stop a webhook (pending deliveries are dropped)", params: z.object({ webhookId: z.string() }), response: { 204: z.null() } } },
      async (req, reply) => {
        await stopWebhook(ctx.database, req.params.webhookId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/webhooks/:webhookId/deliveries",
      {
        config: { access: { resource: "webhook", param: "webhookId", permission: "admin" } },
        schema: { tags: ["webhooks"], summary: "The latest deliveries and their outcome", params: z.object({ webhookId: z.string() }), response: { 200: z.object({ items: z.array(z.object({ eventId: z.string(), eventType: z.string(), status: z.string(), attempts: z.number(), lastStatus: z.number().nullable(), lastError: z.string().nullable(), nextAttemptAt: z.string().nullable(), deliveredAt: z.string().nullable() })) }) } },
      },
      async (req) => {
        const rows = await webhookDeliveries(ctx.database, req.params.webhookId);
        return { items: rows.map((r) => ({ eventId: r.event_id, eventType: r.event_type, status: r.status, attempts: r.attempts, lastStatus: r.last_status, lastError: r.last_error, nextAttemptAt: r.status === "pending" ? iso(r.next_attempt_at) : null, deliveredAt: iso(r.delivered_at) })) };
      },
    );
  };
