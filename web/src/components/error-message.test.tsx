import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, call, client } from "../api/client";
import type { components } from "../api/schema";
import { renderIn } from "../test-render";
import { ErrorMessage } from "./Status";

/**
 * An API error as a person sees it, from the body the server sends (its `ErrorBody` schema, the
 * generated type) through the client to the page. The portal once read `issues[].path` where the
 * server sends `field`, and showed no field at all.
 */
const invalidSettings = {
  type: "urn:fordring:problem:invalid_request",
  title: "Bad Request",
  status: 400,
  detail: "body.transfer.delayDays: Too big: expected number to be <=365",
  code: "invalid_request",
  errors: [{ field: "body.transfer.delayDays", message: "Too big: expected number to be <=365" }],
  error: {
    code: "invalid_request",
    message: "body.transfer.delayDays: Too big: expected number to be <=365",
    issues: [{ field: "body.transfer.delayDays", message: "Too big: expected number to be <=365" }],
  },
} satisfies components["schemas"]["ErrorBody"];

function answer(status: number, body: unknown) {
  const fetch = vi.fn(async (_request: Request) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json" } }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

async function failure(): Promise<ApiError> {
  try {
    await call(client.PATCH("/v1/creditors/{creditorId}/settings", { params: { path: { creditorId: "c-1" } }, body: { transfer: { delayDays: 9999 } } }));
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("the call did not fail");
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("an API error on the page", () => {
  it("names each field that failed validation, as the server names it", async () => {
    answer(400, invalidSettings);
    const error = await failure();
    expect(error.status).toBe(400);
    expect(error.code).toBe("invalid_request");
    expect(error.issues).toEqual([{ field: "body.transfer.delayDays", message: "Too big: expected number to be <=365" }]);

    renderIn("en", <ErrorMessage error={error} />);
    const alert = screen.getByRole("alert");
    expect(alert.querySelector("p")!.textContent).toBe("body.transfer.delayDays: Too big: expected number to be <=365");
    const items = [...alert.querySelectorAll("li")];
    expect(items.map((li) => li.querySelector("code")?.textContent)).toEqual(["body.transfer.delayDays"]);
    expect(items[0]!.textContent).toBe("body.transfer.delayDays Too big: expected number to be <=365");
  });

  it("keeps the input a domain error names, and sends the request to the typed path", async () => {
    const fetch = answer(409, {
      type: "urn:fordring:problem:conflict",
      title: "Conflict",
      status: 409,
      detail: "the case is closed",
      code: "conflict",
      errors: [{ field: "caseNumber", message: "the case is closed" }],
      error: { code: "conflict", message: "the case is closed", field: "caseNumber" },
    } satisfies components["schemas"]["ErrorBody"]);
    const error = await failure();
    expect([error.status, error.code, error.message, error.field, error.issues]).toEqual([409, "conflict", "the case is closed", "caseNumber", []]);
    const request = fetch.mock.calls[0]![0];
    expect([request.method, new URL(request.url).pathname]).toEqual(["PATCH", "/v1/creditors/c-1/settings"]);
    expect(await request.json()).toEqual({ transfer: { delayDays: 9999 } });
  });

  it("reads a problem without the older `error` member by its RFC 9457 members", async () => {
    const { error: _older, ...problem } = invalidSettings;
    answer(400, problem);
    const error = await failure();
    expect([error.status, error.code, error.message, error.issues]).toEqual([400, "invalid_request", "body.transfer.delayDays: Too big: expected number to be <=365", [{ field: "body.transfer.delayDays", message: "Too big: expected number to be <=365" }]]);
  });

  it("says when no answer came at all", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const error = await failure();
    expect([error.status, error.code]).toEqual([0, "network"]);
    renderIn("en", <ErrorMessage error={error} />);
    expect(screen.getByRole("alert").textContent).not.toContain("Failed to fetch");
  });
});
