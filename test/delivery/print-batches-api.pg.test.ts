import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderQueuedLetters } from "../../src/collection/letters/render-queued.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { deliverQueuedLetters } from "../../src/delivery/deliver-letters.js";
import { paperChannel } from "../../src/delivery/paper/paper-channel.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

/** The print batches in the portal: listed for the agency, each day's PDF and manifest for download; nobody else sees them. */
let t: TestApp;
let a: Tenant;
let printDir: string;
beforeAll(async () => {
  printDir = await mkdtemp(path.join(tmpdir(), "fordring-print-"));
  t = await createTestApp({ today: "2025-02-03", env: { FORDRING_PRINT_DIR: printDir } });
  a = await seedTenant(t, "Print", "974760673");
}, 60_000);
afterAll(async () => {
  await t?.close();
  await rm(printDir, { recursive: true, force: true });
});

describe("print batches in the portal", () => {
  it("lists the day's batch for the agency, with its PDF and manifest to download", async () => {
    expect((await t.inject({ method: "GET", url: "/v1/print-batches" })).json()).toEqual({ items: [] });
    await renderQueuedLetters(t.ctx.database, 50);
    const paper = paperChannel({ dir: printDir });
    const day = LocalDate.parse("2025-01-02");
    expect(await deliverQueuedLetters({ database: t.ctx.database, channels: { paper }, today: day, lettersRefused: [] }, 50)).toMatchObject({ sent: 1 });
    await paper.writeBatch(day);

    const list = await t.inject({ method: "GET", url: "/v1/print-batches" });
    expect(list.json()).toEqual({ items: [{ date: "2025-01-02", letters: 1, pages: expect.any(Number), pdfUrl: "/v1/print-batches/2025-01-02/pdf", manifestUrl: "/v1/print-batches/2025-01-02/manifest" }] });
    const pdf = await t.inject({ method: "GET", url: "/v1/print-batches/2025-01-02/pdf" });
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const manifest = await t.inject({ method: "GET", url: "/v1/print-batches/2025-01-02/manifest" });
    expect(manifest.json()).toMatchObject({ date: "2025-01-02", letters: 1, entries: [{ letterId: a.letterId, caseNumber: a.caseNumber, postageClass: "B-domestic" }] });
    expect((await t.inject({ method: "GET", url: "/v1/print-batches/2025-01-03/pdf" })).statusCode).toBe(404);
    expect((await t.inject({ method: "GET", url: "/v1/print-batches/..%2F..%2Fetc/pdf" })).statusCode).toBe(400);
  });

  it("a creditor's or a firm's user does not see the agency's print batches", async () => {
    const s = await login(t, a.users.firmAdmin);
    expect((await t.app.inject({ method: "GET", url: "/v1/print-batches", headers: s })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/v1/print-batches/2025-01-02/pdf", headers: s })).statusCode).toBe(403);
  });
});
