import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { aLetter, day } from "../../collection/letters/letter-model.fixture.js";
import { letterIdempotencyKey, type OutgoingLetter, type Recipient } from "../letter-channel.js";
import { digipostChannel } from "./digipost-channel.js";
import { createDigipostSandbox, type DigipostSandbox } from "./sandbox/server.js";
import { canonicalRequest, rfc1123, signedHeaders } from "./signature.js";

const sender = generateKeyPairSync("rsa", { modulusLength: 2048 });
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
const SENDER = "9999";

const KARI = { nationalId: "01017012345", name: "Kari Nordmann", addressline1: "Storgata 1", postalcode: "0155", city: "Oslo", hasMailbox: true };
const OLA = { nationalId: "02027012345", name: "Ola Nordmann", addressline1: "Lillegata 2", postalcode: "0156", city: "Oslo", hasMailbox: false };

let sandbox: DigipostSandbox;
let url: string;
beforeEach(async () => {
  sandbox = createDigipostSandbox({ senders: new Map([[SENDER, sender.publicKey]]), recipients: [KARI, OLA] });
  url = await sandbox.listen(0);
});
afterEach(() => sandbox.close());

const channel = (over: Partial<Parameters<typeof digipostChannel>[0]> = {}) => digipostChannel({ url, senderId: SENDER, privateKey: sender.privateKey, ...over });
const PDF = Buffer.from("%PDF-1.7\n% a letter\n%%EOF\n");

function outgoing(recipient: Partial<Recipient>, letterId = "6d99008e-2672-4b55-9b09-996b09a06e47"): OutgoingLetter {
  const model = aLetter("collection-notice", { letterId });
  return {
    letterId,
    creditorId: "c",
    caseId: "k",
    caseNumber: "2025-000123",
    kind: model.kind,
    sendOn: day("2025-03-03"),
    pdf: PDF,
    model,
    recipient: { type: "consumer", name: "Kari Nordmann", address: { line1: "Storgata 1", postcode: "0155", city: "Oslo", country: "NO" }, nationalId: null, orgNumber: null, email: null, ...recipient },
    idempotencyKey: letterIdempotencyKey(letterId),
  };
}

describe("Digipost request signature (api/security.rst)", () => {
  it("builds the documented canonical string: verb, lower-cased path, date, content hash, user id, and the (empty) parameter line", () => {
    expect(canonicalRequest({ method: "post", path: "/Messages", query: "", date: "Wed, 29 Jun 2011 14:58:11 GMT", contentSha256: "q1MKE+RZFJgrefm34/uplM/R8/si9xzqGvvwK0YMbR0=", userId: "9999" })).toBe(
      "POST\n/messages\ndate: Wed, 29 Jun 2011 14:58:11 GMT\nx-content-sha256: q1MKE+RZFJgrefm34/uplM/R8/si9xzqGvvwK0YMbR0=\nx-digipost-userid: 9999\n\n",
    );
    // A GET has no content hash line.
    expect(canonicalRequest({ method: "GET", path: "/", query: "parameter1=58&parameter2=test", date: "Wed, 29 Jun 2011 14:58:11 GMT", userId: "9999" })).toBe(
      "GET\n/\ndate: Wed, 29 Jun 2011 14:58:11 GMT\nx-digipost-userid: 9999\nparameter1=58&parameter2=test\n",
    );
  });

  it("the sandbox refuses a request signed with another key, a changed body, or an old Date — and delivers nothing", async () => {
    const wrongKey = await channel({ privateKey: stranger.privateKey }).send(outgoing({ nationalId: KARI.nationalId }));
    expect(wrongKey).toMatchObject({ kind: "refused", permanent: false });
    expect(wrongKey.kind === "refused" && wrongKey.reason).toContain("could not be verified");

    // (The skewed client would not believe the answers either; here we read the sandbox's refusal.)
    const late = await channel({ now: () => new Date(Date.now() - 6 * 60_000), serverPublicKey: false }).send(outgoing({ nationalId: KARI.nationalId }));
    expect(late.kind === "refused" && late.reason).toContain("five minutes");

    const body = Buffer.from("<identification/>");
    const headers = signedHeaders({ method: "POST", path: "/identification", query: "", date: rfc1123(new Date()), userId: SENDER }, body, sender.privateKey);
    const tampered = await fetch(`${url}/identification`, { method: "POST", headers, body: "<identification>x</identification>" });
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain("X-Content-SHA256");
    expect(sandbox.deliveries).toBe(0);
  });
});

describe("Digipost's answers are verified (api/security.rst § 4)", () => {
  it("with the key from the entry point's certificate; an answer signed by another key is not believed", async () => {
    const base = outgoing({}).recipient;
    expect(await channel().reaches({ ...base, nationalId: KARI.nationalId })).toBe(true);
    await expect(channel({ serverPublicKey: stranger.publicKey }).reaches({ ...base, nationalId: KARI.nationalId })).rejects.toThrow("signature could not be verified");
    expect(await channel({ serverPublicKey: sandbox.publicKeyPem }).reaches({ ...base, nationalId: KARI.nationalId })).toBe(true);
  });
});

describe("the Digipost connector against the sandbox", () => {
  it("asks whether the debtor has a mailbox: by fødselsnummer, or by name and address", async () => {
    const c = channel();
    const base = outgoing({}).recipient;
    expect(await c.reaches({ ...base, nationalId: KARI.nationalId })).toBe(true);
    expect(await c.reaches({ ...base, nationalId: OLA.nationalId })).toBe(false);
    expect(await c.reaches({ ...base, nationalId: "31129912345" })).toBe(false);
    expect(await c.reaches({ ...base, name: "Kari  Nordmann" })).toBe(true);
  });

  it("sends the PDF as a debt collection invoice: [INKASSO] subject, KID, amount, account, due date", async () => {
    const letter = outgoing({ nationalId: KARI.nationalId });
    const result = await channel().send(letter);
    expect(result).toMatchObject({ kind: "accepted", messageId: letter.idempotencyKey, detail: expect.stringContaining("mailbox") });
    const [m] = sandbox.messages;
    expect(m!.deliveryMethod).toBe("DIGIPOST");
    expect(m!.uuid).toBe(letter.letterId);
    expect(m!.subject).toBe("[INKASSO] Inkassovarsel 2025-000123");
    expect(m!.invoice).toEqual({ kid: letter.model.kid, amount: (letter.model.total.amount / 100).toFixed(2), account: "86011117947", dueDate: "2025-03-17" });
    expect(m!.pdf.equals(PDF)).toBe(true);
  });

  it("falls back to print when the debtor has no mailbox, and refuses for good when print fallback is off and the recipient is unknown", async () => {
    const printed = await channel().send(outgoing({ nationalId: OLA.nationalId }));
    expect(printed).toMatchObject({ kind: "accepted", detail: expect.stringContaining("printed") });
    expect(sandbox.messages[0]!.deliveryMethod).toBe("PRINT");
    expect(JSON.stringify(sandbox.messages[0]!.printDetails)).toContain("Storgata 1");

    const unknown = await channel({ printFallback: false }).send(outgoing({ nationalId: "31129912345" }, "7d99008e-2672-4b55-9b09-996b09a06e47"));
    expect(unknown).toMatchObject({ kind: "refused", permanent: true });
    expect(unknown.kind === "refused" && unknown.reason).toContain("UNKNOWN_RECIPIENT");
  });

  it("the same letter sent twice (a retry after a crash) is delivered once: the message id comes from the letter id", async () => {
    const letter = outgoing({ nationalId: KARI.nationalId });
    sandbox.injectFault("drop-after-accept");
    await expect(channel().send(letter)).rejects.toThrow();
    expect(sandbox.deliveries).toBe(1);
    const again = await channel().send(letter);
    expect(again).toMatchObject({ kind: "accepted", messageId: letter.idempotencyKey, detail: expect.stringContaining("not sent again") });
    expect(sandbox.deliveries).toBe(1);
  });

  it("a server error is a refusal to retry later (not permanent), and nothing is delivered", async () => {
    sandbox.injectFault("503");
    expect(await channel().send(outgoing({ nationalId: KARI.nationalId }))).toMatchObject({ kind: "refused", permanent: false });
    expect(sandbox.deliveries).toBe(0);
  });

  it("reads the status back: delivered, read once opened, failed when the print could not be delivered", async () => {
    const c = channel();
    const letter = outgoing({ nationalId: KARI.nationalId });
    await c.send(letter);
    expect(await c.status(letter.idempotencyKey)).toMatchObject({ kind: "delivered" });
    sandbox.open(letter.letterId);
    expect(await c.status(letter.idempotencyKey)).toEqual({ kind: "read" });

    const paper = outgoing({ nationalId: OLA.nationalId }, "8d99008e-2672-4b55-9b09-996b09a06e47");
    await c.send(paper);
    sandbox.failPrint(paper.letterId);
    expect(await c.status(paper.idempotencyKey)).toMatchObject({ kind: "failed" });
  });
});
