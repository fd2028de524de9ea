import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { creditorScope } from "../../../access/tenant.js";
import { formatDecimal } from "../../../domain/money.js";
import { performanceReport, type PerformanceFigures, type PerformanceReport } from "../../../read-models/performance.js";
import type { AppContext } from "../../context.js";
import { tenantOf } from "../../access.js";
import { ApiError } from "../../errors.js";

/** Settlement and performance reporting on screen (src/read-models/performance.ts, docs/API.md). */
const Figures = { collected: z.string(), settledGross: z.string(), agencyShare: z.string(), paidOut: z.string(), invoiced: z.string() };
const Rates = {
  casesOpened: z.number(),
  principalOpened: z.string(),
  principalRecovered: z.string(),
  recoveryRate: z.number().nullable().describe("principal recovered ÷ principal of the cases opened in the period, 0–1 (4 decimals); null without cases"),
  paidCases: z.number(),
  averageDaysToPayment: z.number().nullable().describe("days from opening to closing as paid, averaged over the cases closed paid in the period (1 decimal)"),
  casesClosed: z.number(),
};
export const PerformanceBody = z.object({
  from: z.string(),
  to: z.string(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      months: z.array(z.object({ month: z.string(), ...Figures })),
      clients: z.array(z.object({ creditorId: z.string(), code: z.string(), name: z.string(), ...Figures, ...Rates })),
      totals: z.object({ ...Figures, ...Rates, settlements: z.number(), settlementsNotReconciled: z.number().describe("settlements whose gross does not equal the agency's share + paid out − invoiced (0 when the books agree)") }),
      outcomeByStage: z.array(z.object({ stage: z.string(), reason: z.string(), cases: z.number(), principal: z.string() })),
    }),
  ),
});

const Query = z.object({
  from: z.iso.date().describe("first day of the period"),
  to: z.iso.date().describe("last day of the period"),
});

function wire(r: PerformanceReport): z.infer<typeof PerformanceBody> {
  return {
    from: r.from,
    to: r.to,
    currencies: r.currencies.map((c) => {
      const m = (amount: number) => formatDecimal({ amount, currency: c.currency });
      const figures = (f: PerformanceFigures) => ({ collected: m(f.collectedMinor), settledGross: m(f.settledGrossMinor), agencyShare: m(f.agencyShareMinor), paidOut: m(f.paidOutMinor), invoiced: m(f.invoicedMinor) });
      const rates = (x: { casesOpened: number; principalOpenedMinor: number; principalRecoveredMinor: number; recoveryRateBp: number | null; paidCases: number; daysToPaymentTotal: number; casesClosed: number }) => ({
        casesOpened: x.casesOpened,
        principalOpened: m(x.principalOpenedMinor),
        principalRecovered: m(x.principalRecoveredMinor),
        recoveryRate: x.recoveryRateBp === null ? null : x.recoveryRateBp / 10_000,
        paidCases: x.paidCases,
        averageDaysToPayment: x.paidCases > 0 ? Math.round((x.daysToPaymentTotal * 10) / x.paidCases) / 10 : null,
        casesClosed: x.casesClosed,
      });
      return {
        currency: c.currency,
        months: c.months.map((x) => ({ month: x.month, ...figures(x) })),
        clients: c.clients.map((x) => ({ creditorId: x.creditorId, code: x.code, name: x.name, ...figures(x), ...rates(x) })),
        totals: { ...figures(c.totals), ...rates(c.totals), settlements: c.totals.settlements, settlementsNotReconciled: c.totals.settlementsNotReconciled },
        outcomeByStage: c.outcomeByStage.map((o) => ({ stage: o.stage, reason: o.reason, cases: o.cases, principal: m(o.principalMinor) })),
      };
    }),
  };
}

export const reportRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const period = (q: { from: string; to: string }) => {
      if (q.to < q.from) throw new ApiError(400, "invalid_period", `the period ends (${q.to}) before it starts (${q.from})`, "query.to");
      return q;
    };
    app.get(
      "/reports/performance",
      { config: { access: { scoped: "read" } }, schema: { tags: ["dashboard"], summary: "Settlement and performance report across every client the caller may see, per currency and month", querystring: Query, response: { 200: PerformanceBody } } },
      async (req) => wire(await performanceReport(ctx.database, { scope: creditorScope(req.access.principal.grants), ...period(req.query) })),
    );
    app.get(
      "/creditors/:creditorId/reports/performance",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "read" } },
        schema: { tags: ["creditors"], summary: "Settlement and performance report of one client", params: z.object({ creditorId: z.string() }), querystring: Query, response: { 200: PerformanceBody } },
      },
      async (req) => wire(await performanceReport(ctx.database, { scope: { all: false, firmIds: [], creditorIds: [tenantOf(req).creditorId!] }, ...period(req.query) })),
    );
  };
