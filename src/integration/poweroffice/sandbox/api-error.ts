/**
 * Business and validation failures, answered as HTTP 200 with `success:false` (apicalls.md "Error
 * handling"). `exception` names: "OData" (apicalls.md) and "ApiUniqueConstraint" (changelog 2.16)
 * are documented; "SecurityException" comes from route_get_debtcollection_isactivedebtcollection_.md;
 * the message "Unauthorized access" from changelog 2.2.0; the other names are [infer].
 */
export interface ApiError {
  readonly summary: string;
  readonly exception: string;
  readonly fields?: Readonly<Record<string, string>>;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (exception: string, summary: string, fields?: Record<string, string>): { ok: false; error: ApiError } => ({
  ok: false,
  error: fields ? { summary, exception, fields } : { summary, exception },
});

export const notFound = (what: string) => fail("NotFoundException", `${what} was not found`);
export const invalidOperation = (summary: string) => fail("InvalidOperationException", summary);
export const validationFailed = (summary: string, fields?: Record<string, string>) => fail("ValidationException", summary, fields);
export const unauthorizedAccess = () => fail("ApiException", "Unauthorized access");
