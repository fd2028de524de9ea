import type { FastifyReply } from "fastify";
import type { ApiError } from "./api-error.js";
import { toJsonText } from "./json-text.js";

/**
 * The response envelopes of apicalls.md and filtering.md: `{data, success}`, lists as a DataPage
 * `{data: [...], count, success}` (count ignores $top/$skip), failures as HTTP 200
 * `{success:false, validation:{errorLogReference, summary, exception, fields?}}`.
 */
export const successBody = (data: unknown) => ({ data, success: true });
export const pageBody = (data: readonly unknown[], count: number) => ({ data, count, success: true });
export const failureBody = (error: ApiError, errorLogReference: string) => ({
  success: false,
  validation: { errorLogReference, summary: error.summary, exception: error.exception, fields: error.fields },
});

/** route_delete_debtcollection__id__.md documents a nested "Success"; poweroffice.md §6.9 asks for a bare mode too. */
export type SuccessShape = "nested" | "bare";
export const plainSuccessBody = (shape: SuccessShape) => (shape === "nested" ? { data: { success: true }, success: true } : { success: true });

/** Every API answer is `application/json; charset=utf-8` (poweroffice.md §6.2), written by the exact JSON writer. */
export function sendJson(reply: FastifyReply, body: unknown, status = 200): FastifyReply {
  return reply.code(status).header("content-type", "application/json; charset=utf-8").send(toJsonText(body));
}
