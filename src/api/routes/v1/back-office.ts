import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { LocalDate } from "../../../domain/calendar/local-date.js";
import { proposePaymentPlanOn } from "../../../collection/payment-plans/payment-plans.js";
import { recordLegalEvent } from "../../../collection/legal/legal-steps.js";
import { takeLegalStepChecked } from "../../../collection/legal/legal-step-credit-check.js";
import { creditBureauOf } from "../../../collection/debtor-info/credit-bureau.js";
import { runCreditCheck } from "../../../collection/debtor-info/credit-check.js";
import { LEGAL_EVENT_KINDS, TVANGSGRUNNLAG_KINDS } from "../../../domain/legal/judgment.js";
import { SURVEILLANCE_REASONS } from "../../../domain/case-lifecycle/events.js";
import { moveToSurveillanceOn } from "../../../collection/surveillance/surveillance.js";
import { caseDebtorChecks, caseDocument, caseDocumentList, caseLegalProceedings, casePaymentPlans, casePaymentRemarks } from "../../../read-models/back-office.js";
import type { AppContext } from "../../context.js";
import { ApiError } from "../../errors.js";
import { replyPdf } from "../../access.js";
import { Amount, IsoDate, money, parseAmount, ErrorBody } from "./shapes.js";

/**
 * The agency's back office on a case (docs/CASES.md, "After the payment demand"): payment plans
 * (propose with a preview, the schedule and what is paid) and the documents the work produces.
 */
const Refusal = z.object({ code: z.string(), field: z.string(), text: z.object({ nb: z.string(), en: z.string() }) });
const Instalment = z.object({ dueOn: z.string(), amount: Amount, kid: z.string(), paid: Amount });
const Plan = z.object({
  planId: z.string(), status: z.string(), agreedOn: z.string(), endedOn: z.string().nullable(), endReason: z.string().nullable(), currency: z.string(),
  total: Amount, cost: Amount, paid: Amount, kidMode: z.string(), graceDays: z.number(), instalments: z.array(Instalment),
});

export const backOfficeRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const caseParam = z.object({ caseId: z.string() });
    app.post(
      "/cases/:caseId/payment-plans",
      {
        config: { access: { resource: "case", param: "caseId", permission: "write" } },
        schema: {
          tags: ["cases"],
          summary: "Propose a payment plan (betalingsavtale; a Swedish case's amorteringsplan): the instalments, or `count` monthly instalments from `firstOn`",
          description:
            "Checked against the case's balance and the creditor's rules (minimum instalment, maximum months, first instalment within N days). A refusal (422) lists every reason with its field and changes nothing. Agreed, the case is held (no letters or legal steps) and the debtor's confirmation is kept with the case. A Swedish case's plan is an amorteringsplan (lag (1981:739) 3 § 2): the 170 kr fee is charged and included in the total, instalment references are Bankgiro OCR numbers, and the confirmation is the Swedish amorteringsplan letter. `?preview=true` shows the plan and changes nothing.",
          params: caseParam,
          querystring: z.object({ preview: z.enum(["true", "false"]).default("false").transform((v) => v === "true") }),
          body: z.object({
            instalments: z.array(z.object({ dueOn: IsoDate, amount: Amount })).min(1).max(120).optional(),
            count: z.number().int().min(1).max(120).optional(),
            firstOn: IsoDate.optional(),
            kidPerInstalment: z.boolean().optional(),
          }),
          response: { 200: z.object({ preview: z.boolean(), planId: z.string(), total: Amount, cost: Amount, costSource: z.string().nullable().describe("The rule the cost rests on: inkassoforskriften § 2-4 (NO), lag (1981:739) 3 § 2 (SE)"), currency: z.string(), instalments: z.array(z.object({ dueOn: z.string(), amount: Amount, kid: z.string() })) }), 422: z.object({ error: z.object({ code: z.string(), message: z.string(), refusals: z.array(Refusal) }) }) },
        },
      },
      async (req, reply) => {
        const b = req.body;
        if (!b.instalments === !(b.count !== undefined && b.firstOn !== undefined)) throw new ApiError(400, "invalid_input", "instalments: give either instalments, or count and firstOn");
        const schedule = b.instalments
          ? { kind: "instalments" as const, instalments: b.instalments.map((i, n) => ({ dueOn: LocalDate.parse(i.dueOn, `instalments[${n}].dueOn`), amountMinor: parseAmount(i.amount, `instalments[${n}].amount`) })) }
          : { kind: "even" as const, count: b.count!, firstOn: LocalDate.parse(b.firstOn!, "firstOn") };
        const r = await proposePaymentPlanOn(ctx.database, { caseId: req.params.caseId, today: ctx.clock.today(), actor: req.access.principal.label, rules: ctx.rules, agency: ctx.config.agency, schedule, preview: req.query.preview, ...(b.kidPerInstalment === undefined ? {} : { kidPerInstalment: b.kidPerInstalment }) });
        if (!r.ok) return reply.code(422).send({ error: { code: r.code, message: r.refusals.map((x) => `${x.field}: ${x.text.en}`).join("; "), refusals: r.refusals } });
        return { preview: req.query.preview, planId: r.planId, total: money(r.totalMinor), cost: money(r.costMinor), costSource: r.costSource, currency: r.currency, instalments: r.instalments.map((i) => ({ dueOn: i.dueOn, amount: money(i.amountMinor), kid: i.kid })) };
      },
    );
    app.get(
      "/cases/:caseId/payment-plans",
      { config: { access: { resource: "case", param: "caseId", permission: "read" } }, schema: { tags: ["cases"], summary: "A case's payment plans, newest first: the schedule and what of each instalment is paid", params: caseParam, response: { 200: z.object({ items: z.array(Plan) }) } } },
      async (req) => ({
        items: (await casePaymentPlans(ctx.database, req.params.caseId)).map((p) => ({
          ...p, total: money(p.totalMinor), cost: money(p.costMinor), paid: money(p.paidMinor),
          instalments: p.instalments.map((i) => ({ dueOn: i.dueOn, amount: money(i.amountMinor), kid: i.kid, paid: money(i.paidMinor) })),
        })),
      }),
    );
    app.get(
      "/cases/:caseId/documents",
      { config: { access: { resource: "case", param: "caseId", permission: "read" } }, schema: { tags: ["cases"], summary: "The documents kept with a case: payment plan letters, filings, loss confirmations, claim notices", params: caseParam, response: { 200: z.object({ items: z.array(z.object({ documentId: z.string(), kind: z.string(), source: z.string(), createdAt: z.string() })) }) } } },
      async (req) => ({ items: await caseDocumentList(ctx.database, req.params.caseId) }),
    );
    app.get(
      "/cases/:caseId/documents/:documentId",
      { config: { access: { resource: "case", param: "caseId", permission: "read" } }, schema: { tags: ["cases"], summary: "One document of a case as PDF", params: z.object({ caseId: z.string(), documentId: z.string() }) } },
      async (req, reply) => {
        const d = await caseDocument(ctx.database, req.params.caseId, req.params.documentId);
        if (!d) throw new ApiError(404, "not_found", "no such document on the case");
        return replyPdf(reply, d.content, `${d.kind.replace(/[^a-z0-9-]/gi, "-")}.pdf`);
      },
    );
  };

/** The legal phase over the API: take a step (filed, or a renewed payment demand first), record its dated events, list them. */
export const legalRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const caseParam = z.object({ caseId: z.string() });
    const Refused = { 422: z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string() }) }) };
    app.post(
      "/cases/:caseId/legal-steps",
      {
        config: { access: { resource: "case", param: "caseId", permission: "write" } },
        schema: {
          tags: ["cases"],
          summary: "Take a legal step: forliksklage to the forliksråd, or begjæring om utlegg with its tvangsgrunnlag",
          description: "Needs the creditor's legal approval (the gate) and inkassoloven § 11 (more than six months after the payment demand, a new demand goes first and the step waits: status pending-renewed-demand). With the creditor's `creditCheckBeforeLegal`, a credit check is made first; while the bureau is down (or none is configured) the step waits as status awaiting-credit-check (its proceedingId is the waiting row) and the worker retries it. The filing document (PDF + data) is kept with the case and queued for delivery to the court or namsmann. Refused (422) with the reason, nothing changed.",
          params: caseParam,
          body: z.object({ step: z.enum(["forliksklage", "utlegg"]), tvangsgrunnlag: z.object({ kind: z.enum(TVANGSGRUNNLAG_KINDS), reference: z.string().min(1).max(200), date: IsoDate }).optional() }),
          response: { 200: z.object({ status: z.enum(["filed", "pending-renewed-demand", "awaiting-credit-check"]), proceedingId: z.string().nullable(), documentId: z.string().nullable(), stage: z.string(), reason: z.string().optional() }), ...Refused },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const tvangsgrunnlag = b.tvangsgrunnlag ? { kind: b.tvangsgrunnlag.kind, reference: b.tvangsgrunnlag.reference, date: LocalDate.parse(b.tvangsgrunnlag.date, "tvangsgrunnlag.date") } : null;
        const bureau = creditBureauOf(ctx.config);
        const r = await takeLegalStepChecked(ctx.database, bureau, { caseId: req.params.caseId, step: b.step, tvangsgrunnlag, today: ctx.clock.today(), actor: req.access.principal.label, rules: ctx.rules, agency: ctx.config.agency, ...(ctx.secrets ? { box: ctx.secrets } : {}) });
        if (!r.ok) return reply.code(422).send({ error: { code: r.refusal.code, message: r.refusal.text.en, field: r.refusal.field } });
        if (r.status === "filed") return { status: r.status, proceedingId: r.proceedingId, documentId: r.documentId, stage: r.stage };
        if (r.status === "awaiting-credit-check") return { status: r.status, proceedingId: r.proceedingId, documentId: null, stage: r.stage, reason: r.reason };
        return { status: r.status, proceedingId: null, documentId: null, stage: r.stage };
      },
    );
    app.post(
      "/cases/:caseId/legal-steps/:proceedingId/events",
      {
        config: { access: { resource: "case", param: "caseId", permission: "write" } },
        schema: {
          tags: ["cases"],
          summary: "Record a dated event of a legal step: hearing, judgment (ten years' limitation, foreldelsesloven § 21), utleggsforretning, result",
          params: z.object({ caseId: z.string(), proceedingId: z.string() }),
          body: z.object({ kind: z.enum(LEGAL_EVENT_KINDS), on: IsoDate, result: z.string().min(1).max(200).optional(), note: z.string().max(2000).optional() }),
          response: { 200: z.object({ status: z.string(), limitationOn: z.string().nullable() }), ...Refused },
        },
      },
      async (req, reply) => {
        const r = await ctx.database.transaction((tx) =>
          recordLegalEvent(tx, { caseId: req.params.caseId, proceedingId: req.params.proceedingId, kind: req.body.kind, on: LocalDate.parse(req.body.on, "on"), result: req.body.result ?? null, note: req.body.note ?? null, today: ctx.clock.today(), actor: req.access.principal.label }),
        );
        if (!r.ok) return reply.code(422).send({ error: { code: r.refusal.code, message: r.refusal.text.en, field: r.refusal.field } });
        return { status: r.status, limitationOn: r.limitationOn };
      },
    );
    app.post(
      "/cases/:caseId/surveillance",
      {
        config: { access: { resource: "case", param: "caseId", permission: "write" } },
        schema: {
          tags: ["cases"],
          summary: "Move a case that cannot be collected now to surveillance (no-means, written-off, legal-no-result) instead of closing it; the creditor gets a loss confirmation",
          params: caseParam,
          body: z.object({ reason: z.enum(SURVEILLANCE_REASONS) }),
          response: { 200: z.object({ documentId: z.string() }), ...Refused },
        },
      },
      async (req, reply) => {
        const out = await moveToSurveillanceOn(ctx.database, { caseId: req.params.caseId, reason: req.body.reason, today: ctx.clock.today(), actor: req.access.principal.label, rules: ctx.rules, agency: ctx.config.agency });
        if (!out.ok) return reply.code(422).send({ error: { code: out.code, message: out.text.en, field: "caseId" } });
        return { documentId: out.documentId };
      },
    );
    app.post(
      "/cases/:caseId/credit-checks",
      {
        config: { access: { resource: "case", param: "caseId", permission: "write" } },
        schema: {
          tags: ["cases"],
          summary: "Run a credit check on the case's debtor: the bureau's score and payment remarks, logged with its purpose and the user",
          description:
            "The law lets a bureau disclose credit information only for a legitimate need (kredittopplysningsloven: saklig behov), so `purpose` is required and logged with the user and the day (GET …/debtor-checks). outcome: ok (score, riskClass, paymentRemarks = the number registered), not-found (the bureau does not know the debtor), unavailable (the bureau could not be reached; logged, nothing concluded). 503 when no credit bureau is configured.",
          params: caseParam,
          body: z.object({ purpose: z.string().min(3).max(500) }),
          response: {
            200: z.object({ checkId: z.number(), outcome: z.enum(["ok", "not-found", "unavailable"]), score: z.number().nullable(), riskClass: z.string().nullable(), paymentRemarks: z.number().nullable() }),
            404: ErrorBody.describe("no such case"),
            422: ErrorBody.describe("the check was refused (the field says why)"),
            503: ErrorBody.describe("no credit bureau is configured (credit_bureau_not_configured)"),
          },
        },
      },
      async (req) => {
        const bureau = creditBureauOf(ctx.config);
        if (!bureau) throw new ApiError(503, "credit_bureau_not_configured", "no credit bureau is configured (FORDRING_CREDIT_BUREAU_URL)");
        const r = await runCreditCheck(ctx.database, bureau, { caseId: req.params.caseId, purpose: req.body.purpose, actor: req.access.principal.label, today: ctx.clock.today(), ...(ctx.secrets ? { box: ctx.secrets } : {}) });
        if (!r.ok) throw r.code === "not_found" ? new ApiError(404, r.code, r.message) : new ApiError(422, r.code, r.message, r.field);
        return r.outcome === "ok" ? { checkId: r.checkId, outcome: r.outcome, score: r.score, riskClass: r.riskClass, paymentRemarks: r.paymentRemarks } : { checkId: r.checkId, outcome: r.outcome, score: null, riskClass: null, paymentRemarks: null };
      },
    );
    app.get(
      "/cases/:caseId/debtor-checks",
      {
        config: { access: { resource: "case", param: "caseId", permission: "read" } },
        schema: {
          tags: ["cases"],
          summary: "Every lookup about the case's debtor, newest first: credit checks (source credit-check) and company-register checks (source company-register), each with purpose, user or job, day and outcome",
          params: caseParam,
          response: { 200: z.object({ items: z.array(z.object({ checkId: z.number(), source: z.string(), subject: z.string(), purpose: z.string(), actor: z.string(), checkedOn: z.string(), outcome: z.string(), score: z.number().nullable(), riskClass: z.string().nullable(), paymentRemarks: z.number().nullable() })) }) },
        },
      },
      async (req) => ({ items: await caseDebtorChecks(ctx.database, req.params.caseId) }),
    );
    app.get(
      "/cases/:caseId/payment-remarks",
      {
        config: { access: { resource: "case", param: "caseId", permission: "read" } },
        schema: {
          tags: ["cases"],
          summary: "The case's payment remark (betalingsanmerkning): registered when and why, and its report or deletion at the bureau (status to-report, reported, to-delete, deleted, cancelled)",
          params: caseParam,
          response: { 200: z.object({ items: z.array(z.object({ remarkId: z.string(), registeredOn: z.string(), basis: z.string(), amount: Amount, currency: z.string(), status: z.string(), reportedAt: z.string().nullable(), deleteReason: z.string().nullable(), deletedAt: z.string().nullable(), attempts: z.number(), lastError: z.string().nullable() })) }) },
        },
      },
      async (req) => ({ items: (await casePaymentRemarks(ctx.database, req.params.caseId)).map(({ amountMinor, ...r }) => ({ ...r, amount: money(amountMinor) })) }),
    );
    app.get(
      "/cases/:caseId/legal-steps",
      { config: { access: { resource: "case", param: "caseId", permission: "read" } }, schema: { tags: ["cases"], summary: "A case's legal steps and where each stands", params: caseParam, response: { 200: z.object({ items: z.array(z.object({ proceedingId: z.string(), step: z.string(), filedOn: z.string(), status: z.string(), result: z.string().nullable(), judgmentOn: z.string().nullable(), tvangsgrunnlag: z.unknown() })) }) } } },
      async (req) => ({ items: await caseLegalProceedings(ctx.database, req.params.caseId) }),
    );
  };
