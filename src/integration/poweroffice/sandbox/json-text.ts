import { WireDecimal } from "./wire-values.js";

/**
 * Serializes a response body the way the vendor does: camelCase keys as given, properties whose
 * value is null or undefined left out (filtering.md: "All properties with value (not NULL) will
 * always be returned"), and money written exactly from øre (`WireDecimal` → `1250.50`).
 */
export function toJsonText(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join("");
}

function write(value: unknown, out: string[]): void {
  if (value === null || value === undefined) {
    out.push("null");
  } else if (value instanceof WireDecimal) {
    out.push(value.toText());
  } else if (typeof value === "string") {
    out.push(JSON.stringify(value));
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot serialize ${value}`);
    out.push(String(value));
  } else if (typeof value === "boolean") {
    out.push(value ? "true" : "false");
  } else if (Array.isArray(value)) {
    out.push("[");
    value.forEach((item, i) => {
      if (i > 0) out.push(",");
      write(item, out);
    });
    out.push("]");
  } else if (typeof value === "object") {
    out.push("{");
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      if (!first) out.push(",");
      first = false;
      out.push(JSON.stringify(key), ":");
      write(v, out);
    }
    out.push("}");
  } else {
    throw new Error(`cannot serialize a ${typeof value}`);
  }
}
