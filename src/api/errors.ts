import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { z } from "zod";
import { DomainError } from "../domain/errors.js";
import type { ErrorBody as ErrorBodyShape } from "./routes/v1/shapes.js";

/**
 * The one place where coded errors become HTTP (habit 8). Every error body is an RFC 9457 problem
 * (`application/problem+json`): `type` (`urn:fordring:problem:<code>`), `title`, `status`,
 * `detail`, the code (`code`) and the failing inputs (`errors: [{ field, message }]`), plus the
 * shape answers had before (`error: { code, message, field?, issues? }`). Bad input is 400 and
 * never a 5xx; no framework code (FST_…) reaches the caller.
 */
export type ErrorBody = z.output<typeof ErrorBodyShape>;

export const PROBLEM_JSON = "application/problem+json";

/** An answer other than 400 from a route: 401, 403, 404, 409, 422. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** The input the error is about, when it is about one (`body.url`, `query.firmId`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (what = "not found") => new ApiError(404, "not_found", what);

/** DomainError codes that are not "bad input". */
const DOMAIN_STATUS: Record<string, number> = { forbidden: 403, conflict: 409, not_found: 404, refused: 422, already_imported: 409, not_rejected: 409, unknown_payout_file: 422, nothing_to_pay: 422, no_bank_account: 422 };

/** The title of each status (RFC 9110's reason phrases): the same for every answer with that status. */
const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** A code for a framework error of this status (its own code, FST_…, stays in the log). */
const HTTP_CODES: Record<number, string> = { 400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large", 415: "unsupported_media_type", 429: "rate_limited" };

/** The problem body of an error answer. */
export function problem(status: number, code: string, detail: string, options: { field?: string; errors?: { field: string; message: string }[] } = {}): ErrorBody {
  const errors = options.errors ?? (options.field ? [{ field: options.field, message: detail }] : undefined);
  return {
    type: `urn:fordring:problem:${code}`,
    title: TITLES[status] ?? (status >= 500 ? "Server Error" : "Client Error"),
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
    error: { code, message: detail, ...(options.field ? { field: options.field } : {}), ...(options.errors ? { issues: options.errors } : {}) },
  };
}

/** Sends a problem answer with its media type. */
export function sendProblem(reply: FastifyReply, body: ErrorBody): void {
  reply.status(body.status).header("content-type", `${PROBLEM_JSON}; charset=utf-8`).send(body);
}

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? "body";
    const issues = err.validation.map((v) => ({
      field: [where, ...pathOf(v.instancePath)].join("."),
      message: v.message ?? "invalid",
    }));
    sendProblem(reply, problem(400, "invalid_request", issues.map((i) => `${i.field}: ${i.message}`).join("; "), { errors: issues }));
    return;
  }
  if (err instanceof ApiError) {
    sendProblem(reply, problem(err.statusCode, err.code, err.message, { ...(err.field ? { field: err.field } : {}) }));
    return;
  }
  if (err instanceof DomainError) {
    sendProblem(reply, problem(DOMAIN_STATUS[err.code] ?? 400, err.code, err.message, { ...(err.field ? { field: err.field } : {}) }));
    return;
  }
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    // A framework error (bad JSON, wrong media type, too large): its message, a code of ours.
    req.log.info({ code: (err as FastifyError).code }, err.message);
    sendProblem(reply, problem(status, HTTP_CODES[status] ?? "bad_request", err.message.replace(/^FST_\w+:?\s*/, "")));
    return;
  }
  req.log.error({ err }, "unhandled error");
  sendProblem(reply, problem(500, "internal_error", "internal error; the log has the details"));
}

function pathOf(instancePath: string): string[] {
  return instancePath.split("/").filter((p) => p !== "");
}
