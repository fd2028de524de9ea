/**
 * A minimal multipart reader for the sandbox: splits a body on its boundary into parts with their
 * headers (lower-cased names) and raw bytes. Enough for Digipost's message + documents upload.
 */
export interface Part {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary="?([^";]+)"?/i.exec(contentType ?? "");
  return m?.[1];
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error("multipart body without its boundary");
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === "--") return parts;
    at = skipNewline(body, at);
    const next = body.indexOf(delimiter, at);
    if (next < 0) throw new Error("multipart body is not closed");
    let end = next;
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    const chunk = body.subarray(at, end);
    const split = chunk.indexOf("\r\n\r\n");
    if (split < 0) throw new Error("multipart part without headers");
    const headers: Record<string, string> = {};
    for (const line of chunk.subarray(0, split).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: chunk.subarray(split + 4) });
    at = next;
  }
}

function skipNewline(body: Buffer, at: number): number {
  if (body[at] === 0x0d) at++;
  if (body[at] === 0x0a) at++;
  return at;
}

/** Writes a multipart body: each part's headers and bytes, CRLF-separated, closed by the final boundary. */
export function writeMultipart(boundary: string, parts: readonly Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${Object.entries(p.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`));
    chunks.push(p.body, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
