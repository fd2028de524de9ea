import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { costQuote, dueDateQuote, interestQuote, salaryQuote } from "../../collection/calculator/quotes.js";
import { CURRENCIES, type Currency } from "../../domain/money.js";
import type { AppContext } from "../context.js";

/** The currencies the platform handles (`CURRENCIES`), as the calculator's choice. */
const CurrencyCode = z.enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]]);

const Amount = z.string().describe('a decimal amount in the currency, e.g. "1500.00"').meta({ example: "1500.00" });
const IsoDate = z.string().describe("a calendar date, YYYY-MM-DD").meta({ example: "2025-01-31" });
const Jurisdiction = z.enum(["NO", "SE", "FI"]).default("NO");
const Confidence = z.enum(["primary", "secondary", "computed", "background", "uncertain"]);

const InterestPeriod = z.looseObject({
  from: IsoDate.describe("exclusive: the day before the period's first interest day"),
  to: IsoDate.describe("inclusive: the period's last interest day"),
  days: z.number().int(),
  ratePercent: z.string(),
  yearDays: z.union([z.literal(365), z.literal(366)]),
  interest: Amount,
  source: z.string(),
  confidence: Confidence,
  note: z.string().nullable(),
});

const InterestQuote = z.looseObject({
  jurisdiction: z.string(),
  currency: z.string(),
  principal: Amount,
  from: IsoDate.describe("the due date interest runs from, after moving it off weekends and holidays"),
  until: IsoDate,
  dueMovedFrom: IsoDate.optional(),
  interest: Amount,
  days: z.number().int(),
  periods: z.array(InterestPeriod),
  confidence: Confidence,
  rule: z.string(),
});

const SalaryQuote = z.looseObject({
  amount: Amount.describe("the maximum salær, VAT add-on included"),
  base: Amount,
  vatAddOn: Amount,
  factor: z.string(),
  inkassosats: Amount,
  rule: z.string(),
  source: z.string(),
  confidence: Confidence,
});

const Reason = z.looseObject({ code: z.string(), text: z.object({ nb: z.string(), en: z.string() }) });
const CostQuote = z.looseObject({
  currency: z.string(),
  dueDate: IsoDate,
  on: IsoDate,
  interest: z.looseObject({ total: Amount, from: IsoDate, until: IsoDate, periods: z.array(InterestPeriod), rule: z.string(), confidence: Confidence }),
  fees: z.array(z.looseObject({ letter: z.string(), sentOn: IsoDate, allowed: z.boolean(), amount: Amount, rule: z.string(), source: z.string(), reason: Reason })),
  salary: z.looseObject({ allowed: z.boolean(), heavy: z.boolean(), amount: Amount, source: z.string(), reason: Reason }).nullable(),
  legalCosts: z.array(z.looseObject({ step: z.string(), amount: Amount, source: z.string() })),
  total: z.object({ principal: Amount, interest: Amount, costs: Amount, total: Amount }),
  confidence: Confidence,
  notes: z.array(z.string()),
});

const CostRequest = z.object({
  jurisdiction: Jurisdiction,
  principal: Amount,
  currency: CurrencyCode.optional(),
  dueDate: IsoDate.describe("the agreed due date; moved off weekends and holidays before use"),
  debtor: z.enum(["consumer", "business"]),
  creditorVatRegistered: z.boolean().default(true),
  letters: z
    .array(z.object({ letter: z.enum(["reminder", "collection-notice", "payment-demand"]), sentOn: IsoDate, deadline: IsoDate.nullable().optional() }))
    .default([])
    .describe("letters sent, in order"),
  legalSteps: z.array(z.object({ step: z.enum(["forliksklage", "utlegg"]), on: IsoDate })).default([]),
  on: IsoDate.describe("the calculation date (or the date the principal is paid)"),
  heavy: z.boolean().optional().describe("force tungt (true) or lett (false) salær; derived from the payment demand's deadline by default"),
});

export function calculatorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/calculator/costs",
      {
        config: { access: { scoped: "read" } },
        schema: {
          tags: ["calculator"],
          summary: "What a claim may cost the debtor on a date",
          description:
            "Late interest per rate period, the fees that may be charged for the letters sent, the maximum salær after a payment demand and legal costs — each with the rule that allowed or refused it, its legal source and confidence.",
          body: CostRequest,
          response: { 200: CostQuote },
        },
      },
      async (req) => costQuote(req.body, ctx.rules),
    );

    app.get(
      "/calculator/interest",
      {
        config: { access: { scoped: "read" } },
        schema: {
          tags: ["calculator"],
          summary: "Late interest (forsinkelsesrente) on a principal, per rate period",
          querystring: z.object({ principal: Amount, due: IsoDate, until: IsoDate, jurisdiction: Jurisdiction, currency: CurrencyCode.optional() }),
          response: { 200: InterestQuote },
        },
      },
      async (req) => interestQuote(req.query, ctx.rules),
    );

    app.get(
      "/calculator/salary",
      {
        config: { access: { scoped: "read" } },
        schema: {
          tags: ["calculator"],
          summary: "The maximum inkassosalær for a claim (Norway)",
          querystring: z.object({
            principal: Amount,
            debtor: z.enum(["consumer", "business"]),
            heavy: z.stringbool().default(false),
            notVatRegistered: z.stringbool().default(false),
            on: IsoDate,
            due: IsoDate.optional(),
          }),
          response: { 200: SalaryQuote },
        },
      },
      async (req) => salaryQuote(req.query, ctx.rules),
    );

    app.get(
      "/calculator/due-date",
      {
        config: { access: { scoped: "read" } },
        schema: {
          tags: ["calculator"],
          summary: "A due date moved off weekends and holidays",
          querystring: z.object({ date: IsoDate, jurisdiction: Jurisdiction }),
          response: { 200: z.object({ due: IsoDate, moved: z.boolean(), skipped: z.array(z.object({ date: IsoDate, why: z.string() })), rule: z.string(), source: z.string() }) },
        },
      },
      async (req) => dueDateQuote(req.query),
    );
  };
}
