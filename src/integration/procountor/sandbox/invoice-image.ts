import { deflateSync } from "node:zlib";

/**
 * GET /invoices/{invoiceId}/image answers "an invoice page image" (`page`, default 1; `format`
 * PNG by default, or JPG). The sandbox draws a small grey-scale PNG of the page: white, with one
 * dark bar per line of the invoice, the first (the heading) wider — enough for a client to store
 * and show a real image of the right type. Only PNG is drawn; JPG is refused as not available.
 */
export function invoicePageImage(lineLengths: readonly number[]): Buffer {
  const width = 210;
  const height = 297;
  const raw = Buffer.alloc((width + 1) * height, 0xff);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0; // filter byte: none
  lineLengths.forEach((len, i) => {
    const top = 20 + i * 12;
    const thick = i === 0 ? 6 : 3;
    const right = Math.min(width - 15, 15 + Math.max(1, Math.round(len * 2.2)));
    for (let y = top; y < top + thick && y < height; y++) for (let x = 15; x < right; x++) raw[y * (width + 1) + 1 + x] = 0x30;
  });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
