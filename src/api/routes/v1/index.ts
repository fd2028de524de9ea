import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../context.js";
import { authRoutes } from "./auth.js";
import { backOfficeRoutes, legalRoutes } from "./back-office.js";
import { caseRoutes } from "./cases.js";
import { creditorRoutes } from "./creditors.js";
import { firmRoutes } from "./firms.js";
import { invoiceRoutes } from "./invoices.js";
import { messageRoutes } from "./message-routes.js";
import { moneyRoutes } from "./money-routes.js";
import { notificationRoutes } from "./notification-routes.js";
import { opsRoutes } from "./ops.js";
import { printBatchRoutes } from "./print-batch-routes.js";
import { webhookRoutes } from "./webhook-routes.js";
import { teamRoutes } from "./team-routes.js";
import { reportRoutes } from "./report-routes.js";
import { workRoutes } from "./work-routes.js";

/** Every /v1 route but the calculator (src/api/routes/calculator.ts). docs/API.md describes them. */
export const v1Routes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    await app.register(authRoutes(ctx));
    await app.register(firmRoutes(ctx));
    await app.register(creditorRoutes(ctx));
    await app.register(invoiceRoutes(ctx));
    await app.register(caseRoutes(ctx));
    await app.register(backOfficeRoutes(ctx));
    await app.register(legalRoutes(ctx));
    await app.register(moneyRoutes(ctx));
    await app.register(opsRoutes(ctx));
    await app.register(webhookRoutes(ctx));
    await app.register(printBatchRoutes(ctx));
    await app.register(notificationRoutes(ctx));
    await app.register(messageRoutes(ctx));
    await app.register(teamRoutes(ctx));
    await app.register(reportRoutes(ctx));
    await app.register(workRoutes(ctx));
  };
