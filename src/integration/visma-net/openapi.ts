import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

/**
 * The part of Visma's OpenAPI document for the Visma.net ERP API that Fordring uses
 * (sandbox/visma-net-openapi.trimmed.json, with its provenance in `info.x-provenance`), and one
 * validator over it for both sides: the sandbox checks what it receives and what it answers, the
 * connector checks what Visma.net answers. A failure names the field (`/0/debtCollection/caseNumber`).
 *
 * The document's `date-time` fields come without an offset in practice ("2025-01-16T00:00:00"), so
 * formats are not checked here; the connector's readers parse dates themselves.
 */
const DOC_ID = "visma-net-erp";
const document = JSON.parse(readFileSync(new URL("./sandbox/visma-net-openapi.trimmed.json", import.meta.url), "utf8")) as OpenApiDocument;

interface OpenApiOperation {
  readonly requestBody?: { readonly content: Record<string, { schema?: unknown }> };
  readonly responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components: { readonly schemas: Record<string, unknown> };
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(document as object, DOC_ID);
const compiled = new Map<string, ValidateFunction | null>();

/** The paths of the trimmed document ("/v1/customerinvoice/{invoiceNumber}"), for routing. */
export const VISMA_NET_PATHS: readonly string[] = Object.keys(document.paths);

export interface SchemaViolation {
  /** JSON pointer into the body, "" for the body itself. */
  readonly field: string;
  readonly message: string;
}

function pointer(...parts: string[]): string {
  return parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

function validatorAt(key: string, ref: string | null): ValidateFunction | null {
  if (!compiled.has(key)) compiled.set(key, ref === null ? null : ajv.compile({ $ref: `${DOC_ID}#/${ref}` }));
  return compiled.get(key)!;
}

function check(validate: ValidateFunction | null, body: unknown): SchemaViolation[] {
  if (!validate || validate(body)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => ({ field: e.instancePath, message: `${e.instancePath || "(body)"} ${e.message ?? "is invalid"}${e.params && "allowedValues" in e.params ? ` (${(e.params["allowedValues"] as unknown[]).join(", ")})` : ""}` }));
}

function operation(path: string, method: string): OpenApiOperation {
  const op = document.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`the Visma.net document has no ${method} ${path}`);
  return op;
}

/** Checks a request body against the operation's JSON request schema. */
export function requestViolations(path: string, method: string, body: unknown): SchemaViolation[] {
  const op = operation(path, method);
  const has = op.requestBody?.content["application/json"]?.schema !== undefined;
  return check(validatorAt(`req ${method} ${path}`, has ? pointer("paths", path, method.toLowerCase(), "requestBody", "content", "application/json", "schema") : null), body);
}

/** Checks a response body against the operation's JSON schema for that status (none documented: nothing to check). */
export function responseViolations(path: string, method: string, status: number, body: unknown): SchemaViolation[] {
  const op = operation(path, method);
  const has = op.responses[String(status)]?.content?.["application/json"]?.schema !== undefined;
  return check(validatorAt(`res ${method} ${path} ${status}`, has ? pointer("paths", path, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema") : null), body);
}

/** Checks a value against a named component schema (`CustomerInvoiceDto`). */
export function schemaViolations(name: string, value: unknown): SchemaViolation[] {
  if (!(name in document.components.schemas)) throw new Error(`the Visma.net document has no schema ${name}`);
  return check(validatorAt(`schema ${name}`, pointer("components", "schemas", name)), value);
}
