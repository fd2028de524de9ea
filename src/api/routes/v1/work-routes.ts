import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { nationalIdFor } from "../../../access/pii.js";
import { caseLegalView, debtorView, firmWorkQueue, WORK_QUEUE_LIMIT, type WorkQueueCase } from "../../../read-models/work-views.js";
import type { AppContext } from "../../context.js";
import { tenantOf } from "../../access.js";
import { ApiError } from "../../errors.js";
import { Amount, money } from "./shapes.js";
import { reasonIn, textIn } from "./texts.js";

/**
 * The portal's work views (docs/PORTAL.md): a firm's work queue across its clients, a debtor with
 * all their cases and letters, and a case's legal phase. Approving from the queue uses the routes
 * that already approve (`POST /creditors/:id/drafts/approve`, `POST /cases/:id/actions/approve`).
 */
const QueueCase = z.object({
  caseId: z.string(), caseNumber: z.string(), creditorId: z.string(), creditorName: z.string(), invoiceNumber: z.string(), debtorId: z.string(), debtorName: z.string(),
  stage: z.string(), holdReason: z.string().nullable(), holdSince: z.string().nullable(), balance: Amount, currency: z.string(), dueDate: z.string(),
});
const queueCase = (r: WorkQueueCase) => ({
  caseId: r.case_id, caseNumber: r.case_number, creditorId: r.creditor_id, creditorName: r.creditor_name, invoiceNumber: r.invoice_number, debtorId: r.debtor_id, debtorName: r.debtor_name,
  stage: r.stage, holdReason: r.hold_reason, holdSince: r.hold_since, balance: money(r.balance), currency: r.currency, dueDate: r.due_date,
});

export const workRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/firms/:firmId/work-queue",
      {
        config: { access: { resource: "firm", param: "firmId", permission: "read" } },
        schema: {
          tags: ["dashboard"],
          summary: "What waits for the firm across all its clients: drafts to approve, cases at an approval gate, disputed cases, cases with unread messages from the agency",
          description: `Each list holds at most ${WORK_QUEUE_LIMIT} rows (oldest first); \`truncated\` says which have more. Approve drafts with POST /creditors/{creditorId}/drafts/approve and gates with POST /cases/{caseId}/actions/approve. \`messages\` are the cases (open or closed) with messages from the agency that the logged-in user's notifications still show unread, newest first; marking the notifications read (POST /notifications/read) takes a case off the list. An API client key gets none.`,
          params: z.object({ firmId: z.string() }),
          response: {
            200: z.object({
              drafts: z.array(z.object({ claimId: z.string(), creditorId: z.string(), creditorName: z.string(), invoiceNumber: z.string(), customerName: z.string(), dueDate: z.string(), open: Amount, currency: z.string() })),
              gates: z.array(QueueCase),
              disputes: z.array(QueueCase),
              messages: z.array(QueueCase.extend({ unread: z.number().int().describe("unread messages from the agency on the case"), lastFrom: z.string(), lastExcerpt: z.string(), lastAt: z.string().datetime() })),
              truncated: z.object({ drafts: z.boolean(), gates: z.boolean(), disputes: z.boolean(), messages: z.boolean() }),
            }),
          },
        },
      },
      async (req) => {
        const principal = req.access.principal;
        const q = await firmWorkQueue(ctx.database, tenantOf(req).firmId!, principal.kind === "user" ? principal.id : null);
        return {
          drafts: q.drafts.map((d) => ({ claimId: d.claim_id, creditorId: d.creditor_id, creditorName: d.creditor_name, invoiceNumber: d.invoice_number, customerName: d.customer, dueDate: d.due_date, open: money(d.open_minor), currency: d.currency })),
          gates: q.gates.map(queueCase),
          disputes: q.disputes.map(queueCase),
          messages: q.messages.map((m) => ({ ...queueCase(m), unread: m.unread, lastFrom: m.last_from, lastExcerpt: m.last_excerpt, lastAt: m.last_at.toISOString() })),
          truncated: q.truncated,
        };
      },
    );

    app.get(
      "/debtors/:debtorId",
      {
        config: { access: { resource: "debtor", param: "debtorId", permission: "read" } },
        schema: {
          tags: ["cases"],
          summary: "A debtor (as one creditor knows them): details, every case, every letter sent with its channel and delivery status",
          params: z.object({ debtorId: z.string() }),
          response: {
            200: z.object({
              debtor: z.object({
                debtorId: z.string(), creditorId: z.string(), creditorName: z.string(), type: z.string(), name: z.string(), address: z.unknown(), orgNumber: z.string().nullable(), birthDate: z.string().nullable(),
                nationalId: z.string().nullable().describe("masked (birth date part only) unless the role may see identity numbers"), email: z.string().nullable(), phone: z.string().nullable(), language: z.string(), customerNumber: z.string().nullable(),
              }),
              cases: z.array(z.object({ caseId: z.string(), caseNumber: z.string(), invoiceNumber: z.string(), stage: z.string(), holdKind: z.string().nullable(), balance: Amount, currency: z.string(), openedOn: z.string(), dueDate: z.string(), closedOn: z.string().nullable(), closeReason: z.string().nullable() })),
              letters: z.array(
                z.object({
                  letterId: z.string(), caseId: z.string(), caseNumber: z.string(), kind: z.string(), number: z.string().nullable(), sentOn: z.string(), deadline: z.string(), language: z.string(), copyOf: z.string().nullable(),
                  delivery: z.object({ status: z.string().describe("queued | sent | delivered | read | failed | cancelled | in-doubt"), channel: z.string().nullable(), reason: z.string().nullable(), dispatchedOn: z.string().nullable() }),
                }),
              ),
            }),
          },
        },
      },
      async (req) => {
        const v = await debtorView(ctx.database, req.params.debtorId);
        if (!v) throw new ApiError(404, "not_found", "no such debtor");
        const d = v.debtor;
        return {
          debtor: {
            debtorId: d.id, creditorId: d.creditor_id, creditorName: d.creditor_name, type: d.type, name: d.name, address: d.address, orgNumber: d.org_number, birthDate: d.birth_date,
            nationalId: nationalIdFor(ctx.secrets, d.national_id_enc, req.access.permissions.has("pii")), email: d.email, phone: d.phone, language: d.language, customerNumber: d.customer_number,
          },
          cases: v.cases.map((c) => ({ caseId: c.id, caseNumber: c.case_number, invoiceNumber: c.invoice_number, stage: c.stage, holdKind: c.hold_kind, balance: money(c.balance), currency: c.currency, openedOn: c.opened_on, dueDate: c.due_date, closedOn: c.closed_on, closeReason: c.close_reason })),
          letters: v.letters.map((l) => ({
            letterId: l.id, caseId: l.case_id, caseNumber: l.case_number, kind: l.kind, number: l.number, sentOn: l.sent_on, deadline: l.deadline, language: l.language, copyOf: l.copy_of,
            delivery: { status: l.delivery_status, channel: l.channel, reason: textIn(l.delivery_reason_text, l.delivery_reason, req.access.principal.locale), dispatchedOn: l.dispatched_on },
          })),
        };
      },
    );

    app.get(
      "/cases/:caseId/legal",
      {
        config: { access: { resource: "case", param: "caseId", permission: "read" } },
        schema: {
          tags: ["cases"],
          summary: "A case's legal phase: approval, steps with their dated events (filing, hearing, judgment, utleggsforretning, result), payment remark, surveillance, limitation, lookups about the debtor",
          params: z.object({ caseId: z.string() }),
          response: {
            200: z.object({
              stage: z.string(),
              jurisdiction: z.string(),
              closedOn: z.string().nullable(),
              legalApprovedOn: z.string().nullable(),
              legalOn: z.string().nullable().describe("the first legal step"),
              lastLegalStep: z.string().nullable(),
              pendingLegalStep: z.string().nullable().describe("a step waiting for a renewed payment demand (inkassoloven § 11)"),
              paymentRemarkOn: z.string().nullable().describe("the day a payment remark (betalingsanmerkning) was registered"),
              surveillanceOn: z.string().nullable(),
              limitationOn: z.string().nullable(),
              proceedings: z.array(
                z.object({
                  proceedingId: z.string(), step: z.string(), filedOn: z.string(), filedBy: z.string(), status: z.string(), result: z.string().nullable(), judgmentOn: z.string().nullable(), tvangsgrunnlag: z.unknown(),
                  events: z.array(z.object({ kind: z.string().describe("hearing | judgment | utleggsforretning | result"), on: z.string(), actor: z.string(), result: z.string().nullable(), note: z.string().nullable() })),
                }),
              ),
              events: z.array(z.object({ type: z.string(), on: z.string(), actor: z.string(), reason: z.string().nullable(), data: z.unknown() })).describe("the legal phase's timeline rows (approval, step recorded, surveillance, payment remark, and each proceeding's events)"),
              checks: z.array(z.object({ source: z.string().describe("company-register | credit-check"), purpose: z.string(), actor: z.string(), checkedOn: z.string(), outcome: z.string(), data: z.unknown() })).describe("lookups about the debtor for this case, each with its purpose"),
            }),
          },
        },
      },
      async (req) => {
        const v = (await caseLegalView(ctx.database, req.params.caseId))!;
        const k = v.kase;
        return {
          stage: k.stage, jurisdiction: k.jurisdiction, closedOn: k.closed_on, legalApprovedOn: k.legal_approved_on, legalOn: k.legal_on, lastLegalStep: k.last_legal_step, pendingLegalStep: k.pending_legal_step,
          paymentRemarkOn: k.remark_on, surveillanceOn: k.surveillance_on, limitationOn: k.limitation_on,
          proceedings: v.proceedings.map((p) => ({
            proceedingId: p.id, step: p.step, filedOn: p.filed_on, filedBy: p.filed_by, status: p.status, result: p.result, judgmentOn: p.judgment_on, tvangsgrunnlag: p.tvangsgrunnlag,
            events: v.events
              .filter((e) => e.type.startsWith("legal-") && e.type !== "legal-step-recorded" && e.data?.proceedingId === p.id)
              .map((e) => ({ kind: e.type.slice("legal-".length), on: e.on, actor: e.actor, result: typeof e.data?.result === "string" ? e.data.result : null, note: e.reason })),
          })),
          events: v.events.map((e) => ({ type: e.type, on: e.on, actor: e.actor, reason: reasonIn(e, req.access.principal.locale), data: e.data })),
          checks: v.checks.map((c) => ({ source: c.source, purpose: c.purpose, actor: c.actor, checkedOn: c.checked_on, outcome: c.outcome, data: c.data })),
        };
      },
    );
  };
