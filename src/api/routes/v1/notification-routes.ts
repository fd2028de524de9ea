import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { NOTIFICATION_KINDS, listNotifications, markNotificationsRead } from "../../../notifications/notifications.js";
import type { AppContext } from "../../context.js";
import { ApiError } from "../../errors.js";

/** The caller's notifications in the portal (the bell): list, and mark read. docs/PORTAL.md, "Notifications". */
const Notification = z
  .object({
    id: z.number().int(),
    kind: z.enum(NOTIFICATION_KINDS),
    creditorId: z.string().nullable(),
    creditorName: z.string().nullable(),
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).describe("the event's facts, by kind: waiting {drafts, atGate, clients}; settlement {periodFrom, periodTo, settledOn, currency, payout, invoice, settlementId}; sync-failed {ledger, failedOn, codes}; message {from, side, excerpt, attachments}"),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .meta({ id: "Notification" });

export const notificationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const userId = (p: { kind: string; id: string }) => {
      if (p.kind !== "user") throw new ApiError(409, "not_a_user", "an API client has no notifications");
      return p.id;
    };

    app.get(
      "/notifications",
      {
        config: { access: { scoped: "read" } },
        schema: {
          tags: ["auth"],
          operationId: "listNotifications",
          summary: "The caller's notifications, newest first, and how many are unread",
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), before: z.coerce.number().int().min(1).optional().describe("only notifications older than this id"), unread: z.enum(["true", "false"]).default("false") }),
          response: { 200: z.object({ items: z.array(Notification), unread: z.number().int() }) },
        },
      },
      async (req) => {
        const r = await listNotifications(ctx.database, userId(req.access.principal), { limit: req.query.limit, before: req.query.before ?? null, unreadOnly: req.query.unread === "true" });
        return { unread: r.unread, items: r.items.map((n) => ({ id: n.id, kind: n.kind, creditorId: n.creditorId, creditorName: n.creditorName, caseId: n.caseId, caseNumber: n.caseNumber, data: n.data, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })) };
      },
    );

    app.post(
      "/notifications/read",
      {
        config: { access: { scoped: "read" } },
        schema: {
          tags: ["auth"],
          operationId: "markNotificationsRead",
          summary: "Mark the caller's notifications read: the ones named, or all",
          body: z.union([z.object({ ids: z.array(z.number().int().min(1)).min(1).max(100) }), z.object({ all: z.literal(true) })]),
          response: { 200: z.object({ unread: z.number().int() }) },
        },
      },
      async (req) => ({ unread: await markNotificationsRead(ctx.database, userId(req.access.principal), "all" in req.body ? "all" : { ids: req.body.ids }, new Date()) }),
    );
  };
