import type { FastifyInstance } from "fastify";
import { notFound } from "./api-error.js";
import { PRIVILEGES, invalidPrivileges, validPrivileges } from "./auth.js";
import { pageBody, sendJson, successBody } from "./envelope.js";
import { applyQuery, parseQueryOptions, type QueryParams } from "./odata-query.js";
import { customerSchema } from "./odata-schemas.js";
import { defineRoute, sendFailure, withOData, type Runtime } from "./route-kit.js";
import { wireCustomer } from "./wire-shapes.js";

/** limitations.md: "Max 50.000 items/rows: GET Customer". */
export const CUSTOMER_PAGE_CAP = 50_000;

/** Customer (route_get_customer__id__.md) and ClientIntegrationInformation (route_get_clientintegrationinformation_.md). */
export function customerRoutes(app: FastifyInstance, rt: Runtime): void {
  const meta = { privilege: PRIVILEGES.customer };

  defineRoute(app, "GET", "/Customer", meta, (req, reply, ctx) =>
    withOData(reply, rt, () => {
      const page = applyQuery(ctx.read.customers(), parseQueryOptions(req.query as QueryParams), customerSchema);
      if (page.rows.length > CUSTOMER_PAGE_CAP) {
        return sendFailure(reply, rt, { exception: "ApiMaxPageSizeException", summary: `More than ${CUSTOMER_PAGE_CAP} rows: filter or use $top/$skip` });
      }
      return sendJson(reply, pageBody(page.rows.map(wireCustomer), page.count));
    }),
  );

  defineRoute(app, "GET", "/Customer/:id", meta, (req, reply, ctx) => {
    const text = (req.params as { id: string }).id;
    const customer = /^\d+$/.test(text) ? ctx.read.customer(Number(text)) : undefined;
    return customer ? sendJson(reply, successBody(wireCustomer(customer))) : sendFailure(reply, rt, notFound(`Customer ${text}`).error);
  });

  defineRoute(app, "GET", "/ClientIntegrationInformation", { privilege: "none" }, (_req, reply, ctx) =>
    sendJson(
      reply,
      successBody({
        activeClientSubscriptions: ctx.client.subscriptions,
        clientId: ctx.client.clientId,
        clientName: ctx.client.clientName,
        invalidPrivileges: invalidPrivileges(ctx.client),
        userId: ctx.client.userId,
        validPrivileges: validPrivileges(ctx.client),
      }),
    ),
  );
}
