import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { isAgency } from "../../../access/roles.js";
import { loadUser } from "../../../access/users.js";
import { listMessages, messageAttachment, postMessage, type MessageView } from "../../../collection/messages/case-messages.js";
import { ATTACHMENT_LIMITS } from "../../../collection/messages/attachment-type.js";
import type { AppContext } from "../../context.js";
import { notFound } from "../../errors.js";

/** Messages both ways on a case, with attachments. docs/PORTAL.md, "Messages". */
const Message = z
  .object({
    messageId: z.string(),
    side: z.enum(["agency", "client"]).describe("who wrote it: the agency's case handler, or the creditor's or firm's people"),
    authorName: z.string(),
    body: z.string(),
    createdAt: z.string(),
    attachments: z.array(z.object({ attachmentId: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int() })),
  })
  .meta({ id: "CaseMessage" });

const view = (m: MessageView) => ({ ...m, createdAt: m.createdAt.toISOString() });
/** Base64 of the largest file allowed, rounded up. */
const MAX_BASE64 = Math.ceil(ATTACHMENT_LIMITS.maxBytes / 3) * 4;

export const messageRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const caseParam = z.object({ caseId: z.string() });

    app.get(
      "/cases/:caseId/messages",
      { config: { access: { resource: "case", param: "caseId", permission: "read" } }, schema: { tags: ["cases"], operationId: "listCaseMessages", summary: "The messages on a case, oldest first, with their attachments", params: caseParam, response: { 200: z.object({ items: z.array(Message) }) } } },
      async (req) => ({ items: (await listMessages(ctx.database, req.params.caseId)).map(view) }),
    );

    app.post(
      "/cases/:caseId/messages",
      {
        // Three files of 5 MB as base64, and the text.
        bodyLimit: ATTACHMENT_LIMITS.maxFiles * MAX_BASE64 + 64 * 1024,
        config: { access: { resource: "case", param: "caseId", permission: "write" } },
        schema: {
          tags: ["cases"],
          operationId: "postCaseMessage",
          summary: "Write a message on a case (case handler ↔ creditor or firm), with up to 3 attachments (PDF, PNG or JPEG by content, 5 MB each, 10 MB together); the other side gets a notification",
          params: caseParam,
          body: z.object({
            body: z.string().max(4000),
            attachments: z.array(z.object({ filename: z.string().min(1).max(255), contentBase64: z.base64().max(MAX_BASE64).describe("the file's bytes, base64") })).max(ATTACHMENT_LIMITS.maxFiles).default([]),
          }),
          response: { 201: Message },
        },
      },
      async (req, reply) => {
        const p = req.access.principal;
        const name = p.kind === "user" ? ((await loadUser(ctx.database, p.id))?.name ?? p.label) : p.label;
        const m = await postMessage(ctx.database, {
          caseId: req.params.caseId,
          author: { userId: p.kind === "user" ? p.id : null, name, side: isAgency(p.grants) ? "agency" : "client" },
          body: req.body.body,
          attachments: req.body.attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.contentBase64, "base64") })),
        });
        return reply.code(201).send(view(m));
      },
    );

    app.get(
      "/cases/:caseId/messages/attachments/:attachmentId",
      { config: { access: { resource: "case", param: "caseId", permission: "read" } }, schema: { tags: ["cases"], operationId: "getCaseMessageAttachment", summary: "An attachment's bytes (as a download)", params: z.object({ caseId: z.string(), attachmentId: z.string() }) } },
      async (req, reply) => {
        const a = await messageAttachment(ctx.database, req.params.caseId, req.params.attachmentId);
        if (!a) throw notFound("no such attachment on this case");
        const ascii = a.filename.replace(/[^\w.-]/g, "_");
        return reply
          .header("content-type", a.contentType)
          .header("x-content-type-options", "nosniff")
          .header("content-security-policy", "default-src 'none'; sandbox")
          .header("content-disposition", `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
          .send(a.content);
      },
    );
  };
