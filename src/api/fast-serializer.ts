import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify/types/schema.js";
import { z } from "zod";

/**
 * The serializer of the most read answers (the case list and the case page): Fastify's own
 * schema-based serializer (fast-json-stringify), compiled from the JSON Schema of the route's zod
 * response schema — the schema the OpenAPI document shows. The server's default (server.ts,
 * fastify-type-provider-zod) parses every answer with zod before `JSON.stringify`; on these two
 * routes that parse was a fifth to a third of the server's CPU per request (docs/SCALING.md,
 * "Benchmarks"). Here the answer is written field by field from the schema, in the schema's order,
 * which is the order zod's output has, so the text is the same (fast-serializer.test.ts compares
 * the two on awkward values). The handlers build these answers from typed rows, so TypeScript
 * holds their shape; what the zod serializer adds beyond that is a 500 instead of an answer when a
 * handler breaks its own schema, which is why only these two routes use this one.
 */
export const fastSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  const json = z.toJSONSchema(schema as z.ZodType, { target: "draft-7", io: "output", unrepresentable: "any" });
  return fastJson(nullableAsTypeList(json) as Parameters<typeof fastJson>[0]);
};

/**
 * zod writes `x.nullable()` as `anyOf: [{type: X}, {type: "null"}]`, which fast-json-stringify
 * serializes by trying each branch with a validator; `type: [X, "null"]` says the same and is
 * written directly. Other schemas are left as they are.
 */
export function nullableAsTypeList(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullableAsTypeList);
  if (schema === null || typeof schema !== "object") return schema;
  const s = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, nullableAsTypeList(v)])) as Record<string, unknown>;
  const anyOf = s["anyOf"];
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const [a, b] = anyOf as Record<string, unknown>[];
    const isNull = (x: Record<string, unknown> | undefined) => x !== undefined && x["type"] === "null" && Object.keys(x).length === 1;
    const plain = isNull(b) ? a : isNull(a) ? b : undefined;
    if (plain && typeof plain["type"] === "string" && plain["type"] !== "object" && plain["type"] !== "array" && !("$ref" in plain)) {
      const { anyOf: _dropped, ...rest } = s;
      return { ...rest, ...plain, type: [plain["type"], "null"] };
    }
  }
  return s;
}
