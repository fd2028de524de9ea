/**
 * What a message attachment is, by its first bytes — never by its name or the type the sender
 * claims: only PDF, PNG and JPEG are taken (an invoice copy, a contract, a photo of either).
 */
export type AttachmentType = "application/pdf" | "image/png" | "image/jpeg";

const SIGNATURES: readonly { type: AttachmentType; bytes: readonly number[] }[] = [
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
];

export function sniffAttachmentType(content: Uint8Array): AttachmentType | null {
  for (const s of SIGNATURES) if (content.length >= s.bytes.length && s.bytes.every((b, i) => content[i] === b)) return s.type;
  return null;
}

/** Each file at most 5 MB, at most 3 files and 10 MB on one message. */
export const ATTACHMENT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxFiles: 3, maxTotalBytes: 10 * 1024 * 1024 } as const;

/**
 * A file name safe to store and to send back in a Content-Disposition header: no path, no control
 * characters, no quotes, at most 120 characters; an empty name becomes `vedlegg`.
 */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>:|?*]/g, "").replace(/^\.+/, "").trim().slice(0, 120);
  return cleaned || "vedlegg";
}
