import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { z } from "zod";
import { DomainError } from "../domain/errors.js";
import type { ErrorBody as ErrorBodyShape } from "./routes/v1/shapes.js";

/**
 * The one place where coded errors become HTTP (habit 8). Every error body has the same shape:
 * `{ error: { code, message, field?, issues? } }`. Bad input is 400 and never a 5xx.
 */
export type ErrorBody = z.output<typeof ErrorBodyShape>;

/** An answer other than 400 from a route: 401, 403, 404, 409, 422. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (what = "not found") => new ApiError(404, "not_found", what);

/** DomainError codes that are not "bad input". */
const DOMAIN_STATUS: Record<string, number> = { conflict: 409, not_found: 404, refused: 422 };

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? "body";
    const issues = err.validation.map((v) => ({
      field: [where, ...pathOf(v.instancePath)].join("."),
      message: v.message ?? "invalid",
    }));
    reply.status(400).send({
      error: { code: "invalid_request", message: issues.map((i) => `${i.field}: ${i.message}`).join("; "), issues },
    } satisfies ErrorBody);
    return;
  }
  if (err instanceof ApiError) {
    reply.status(err.statusCode).send({ error: { code: err.code, message: err.message } } satisfies ErrorBody);
    return;
  }
  if (err instanceof DomainError) {
    reply.status(DOMAIN_STATUS[err.code] ?? 400).send({
      error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) },
    } satisfies ErrorBody);
    return;
  }
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    reply.status(status).send({ error: { code: (err as FastifyError).code ?? "bad_request", message: err.message } } satisfies ErrorBody);
    return;
  }
  req.log.error({ err }, "unhandled error");
  reply.status(500).send({ error: { code: "internal_error", message: "internal error; the log has the details" } } satisfies ErrorBody);
}

function pathOf(instancePath: string): string[] {
  return instancePath.split("/").filter((p) => p !== "");
}
