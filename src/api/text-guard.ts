import type { FastifyRequest } from "fastify";
import { DomainError } from "../domain/errors.js";

/**
 * No text the API takes may hold a NUL character (U+0000): PostgreSQL stores neither a `text` nor
 * a `jsonb` value with one, so it would fail deep in a write as a 500. `nulField` finds the first
 * string (or object key) holding one and says where, as the validation issues do
 * (`body.name`, `query.q`, `body.settings.collection.<key>`).
 */
export function nulField(value: unknown, where: string, depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? where : null;
  if (value === null || typeof value !== "object" || Buffer.isBuffer(value) || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const f = nulField(value[i], `${where}.${i}`, depth + 1);
      if (f) return f;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.includes("\u0000")) return `${where}.${k.replaceAll("\u0000", "\\u0000")}`;
    const f = nulField(v, `${where}.${k}`, depth + 1);
    if (f) return f;
  }
  return null;
}

/** A preValidation hook: a request whose path parameters, query or JSON body hold a NUL character is a 400 naming the field. */
export async function refuseNulCharacters(req: FastifyRequest): Promise<void> {
  const field = nulField(req.params, "params") ?? nulField(req.query, "query") ?? nulField(req.body, "body");
  if (field) throw new DomainError("invalid_input", `${field}: holds a NUL character (U+0000), which no text accepts`, field);
}
