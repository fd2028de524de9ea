import { createHash } from "node:crypto";
import { DomainError } from "../../domain/errors.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import { caseHandlers, creditorAudience } from "../../notifications/audience.js";
import { notifyUsers } from "../../notifications/notifications.js";
import { ATTACHMENT_LIMITS, safeFilename, sniffAttachmentType } from "./attachment-type.js";

/**
 * Messages both ways on a case: the agency's case handlers and the creditor's or firm's people
 * (docs/PORTAL.md, "Messages"). A message has a text and up to three attachments — PDF, PNG or
 * JPEG by their bytes, each at most 5 MB — stored in the database with their SHA-256. The other
 * side is told by a portal notification: a client's message goes to the case handlers, a case
 * handler's to the creditor's people. Everything is checked before anything is written; a refused
 * message leaves nothing behind.
 */
export type MessageSide = "agency" | "client";

export interface NewAttachment {
  readonly filename: string;
  readonly content: Buffer;
}

export interface PostMessageInput {
  readonly caseId: string;
  readonly author: { readonly userId: string | null; readonly name: string; readonly side: MessageSide };
  readonly body: string;
  readonly attachments: readonly NewAttachment[];
}

export interface MessageView {
  messageId: string;
  side: MessageSide;
  authorName: string;
  body: string;
  createdAt: Date;
  attachments: { attachmentId: string; filename: string; contentType: string; size: number }[];
}

const MAX_BODY = 4000;

export async function postMessage(database: Database, input: PostMessageInput): Promise<MessageView> {
  const body = input.body.trim();
  if (body.length === 0) throw new DomainError("invalid_input", "the message is empty", "body");
  if (body.length > MAX_BODY) throw new DomainError("invalid_input", `the message has ${body.length} characters; at most ${MAX_BODY}`, "body");
  if (input.attachments.length > ATTACHMENT_LIMITS.maxFiles) throw new DomainError("invalid_input", `${input.attachments.length} attachments; at most ${ATTACHMENT_LIMITS.maxFiles} on one message`, "attachments");
  const files = input.attachments.map((a, i) => {
    const field = `attachments[${i}]`;
    const filename = safeFilename(a.filename);
    if (a.content.length === 0) throw new DomainError("invalid_input", `"${filename}" is empty`, field);
    if (a.content.length > ATTACHMENT_LIMITS.maxBytes) throw new DomainError("invalid_input", `"${filename}" is ${a.content.length} bytes; at most ${ATTACHMENT_LIMITS.maxBytes} (5 MB)`, field);
    const contentType = sniffAttachmentType(a.content);
    if (!contentType) throw new DomainError("invalid_input", `"${filename}" is not a PDF, PNG or JPEG file (judged by its content, not its name)`, field);
    return { filename, contentType, content: a.content, size: a.content.length, sha256: createHash("sha256").update(a.content).digest("hex") };
  });
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > ATTACHMENT_LIMITS.maxTotalBytes) throw new DomainError("invalid_input", `the attachments are ${total} bytes together; at most ${ATTACHMENT_LIMITS.maxTotalBytes} (10 MB) on one message`, "attachments");

  return database.transaction(async (tx) => {
    const [c] = await tx.query<{ creditor_id: string; case_number: string }>("select creditor_id, case_number from cases where id = $1", [input.caseId]);
    if (!c) throw new DomainError("not_found", "no such case", "caseId");
    const [m] = await tx.query<{ id: string; created_at: Date }>(
      "insert into case_messages (case_id, creditor_id, author_user_id, author_name, side, body) values ($1, $2, $3, $4, $5, $6) returning id, created_at",
      [input.caseId, c.creditor_id, input.author.userId, input.author.name, input.author.side, body],
    );
    const attachments: MessageView["attachments"] = [];
    for (const f of files) {
      const [a] = await tx.query<{ id: string }>(
        "insert into case_message_attachments (message_id, filename, content_type, size, sha256, content) values ($1, $2, $3, $4, $5, $6) returning id",
        [m!.id, f.filename, f.contentType, f.size, f.sha256, f.content],
      );
      attachments.push({ attachmentId: a!.id, filename: f.filename, contentType: f.contentType, size: f.size });
    }
    await notifyOtherSide(tx, { caseId: input.caseId, creditorId: c.creditor_id, messageId: m!.id, author: input.author, excerpt: body.slice(0, 140), attachments: files.length });
    return { messageId: m!.id, side: input.author.side, authorName: input.author.name, body, createdAt: m!.created_at, attachments };
  });
}

async function notifyOtherSide(tx: Queryable, o: { caseId: string; creditorId: string; messageId: string; author: PostMessageInput["author"]; excerpt: string; attachments: number }): Promise<void> {
  const audience = o.author.side === "client" ? await caseHandlers(tx) : await creditorAudience(tx, o.creditorId);
  const userIds = audience.map((u) => u.userId).filter((id) => id !== o.author.userId);
  await notifyUsers(tx, userIds, { kind: "message", key: o.messageId, creditorId: o.creditorId, caseId: o.caseId, data: { from: o.author.name, side: o.author.side, excerpt: o.excerpt, attachments: o.attachments } });
}

/** A case's messages, oldest first, with their attachments' names, types and sizes (not their bytes). */
export async function listMessages(db: Queryable, caseId: string): Promise<MessageView[]> {
  const rows = await db.query<{ id: string; side: MessageSide; author_name: string; body: string; created_at: Date; attachments: MessageView["attachments"] | null }>(
    `select m.id, m.side, m.author_name, m.body, m.created_at,
            (select json_agg(json_build_object('attachmentId', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size) order by a.created_at, a.id)
               from case_message_attachments a where a.message_id = m.id) as attachments
       from case_messages m where m.case_id = $1 order by m.created_at, m.id`,
    [caseId],
  );
  return rows.map((r) => ({ messageId: r.id, side: r.side, authorName: r.author_name, body: r.body, createdAt: r.created_at, attachments: r.attachments ?? [] }));
}

/** One attachment's bytes, only through its case (an id from another case is not found). */
export async function messageAttachment(db: Queryable, caseId: string, attachmentId: string): Promise<{ filename: string; contentType: string; content: Buffer } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(attachmentId)) return null;
  const [a] = await db.query<{ filename: string; content_type: string; content: Buffer }>(
    "select a.filename, a.content_type, a.content from case_message_attachments a join case_messages m on m.id = a.message_id where a.id = $1 and m.case_id = $2",
    [attachmentId, caseId],
  );
  return a ? { filename: a.filename, contentType: a.content_type, content: a.content } : null;
}
