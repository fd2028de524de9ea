import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorBody } from "../../src/api/routes/v1/shapes.js";
import { MAX_TRANSFER_DELAY_DAYS, transferPolicy } from "../../src/collection/transfer-policy.js";
import { DomainError } from "../../src/domain/errors.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { seedTenant, type Tenant } from "../support/tenants.js";

/**
 * One limit for the transfer delay (issue 13, "form limits come from the same schemas"): the
 * transfer policy's MAX_TRANSFER_DELAY_DAYS is what the API's settings schema takes and what the
 * policy reads back. Until now the API and portal said 365 and the policy 3650. The portal's form
 * reads the same number from the generated limits (web/src/settings-form.test.ts).
 */
let t: TestApp;
let a: Tenant;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Alfa", "974760673");
}, 60_000);
afterAll(async () => t?.close());

const patch = (delayDays: number) => t.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}/settings`, payload: { transfer: { delayDays } } });

describe("the transfer delay's limit", () => {
  it("is a year, in the policy", () => {
    expect(MAX_TRANSFER_DELAY_DAYS).toBe(365);
    expect(transferPolicy({ transfer: { delayDays: MAX_TRANSFER_DELAY_DAYS } }).delayDays).toBe(MAX_TRANSFER_DELAY_DAYS);
    let refused: unknown;
    try {
      transferPolicy({ transfer: { delayDays: MAX_TRANSFER_DELAY_DAYS + 1 } });
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).field).toBe("settings.transfer.delayDays");
    expect((refused as DomainError).message).toContain(`from 0 to ${MAX_TRANSFER_DELAY_DAYS}`);
  });

  it("the API stores the longest delay, which the policy then reads", async () => {
    const res = await patch(MAX_TRANSFER_DELAY_DAYS);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.ctx.database.query<{ settings: unknown }>("select settings from creditors where id = $1", [a.creditorId]);
    expect(transferPolicy(row!.settings).delayDays).toBe(MAX_TRANSFER_DELAY_DAYS);
  });

  it("the API refuses one day more with the error body the OpenAPI document declares, naming the field", async () => {
    const res = await patch(MAX_TRANSFER_DELAY_DAYS + 1);
    expect(res.statusCode).toBe(400);
    const body = ErrorBody.parse(res.json());
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.issues?.map((i) => i.field)).toEqual(["body.transfer.delayDays"]);
  });
});
