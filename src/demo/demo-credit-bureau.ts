import { createHash, randomBytes } from "node:crypto";
import { startCreditBureauSandbox, type CreditBureauSandbox, type SandboxSubject } from "../collection/debtor-info/sandbox/credit-bureau-sandbox.js";

/**
 * The demo's credit bureau (`npm start`): the credit bureau sandbox in this process on 127.0.0.1,
 * so a case handler can run a credit check from a case's legal phase and the payment remarks are
 * reported and deleted as a deployment's are (docs/CASES.md, "Credit checks"). It knows every
 * debtor: the score (1–100) and risk class are chosen by a hash of the subject, so the same debtor
 * gets the same answer every time. Remarks live as long as the process; after a restart the
 * sandbox has forgotten them, as a bureau would never, so the demo is no test of that.
 */
export const DEMO_CREDIT_BUREAU_USER = "fordring-demo";

export function demoSubject(key: string): SandboxSubject {
  const h = createHash("sha256").update(key).digest();
  const score = 1 + (h.readUInt16BE(0) % 100);
  // Creditsafe-style classes: A (very low risk) to E (very high risk), from the score.
  const riskClass = score >= 80 ? "A" : score >= 60 ? "B" : score >= 40 ? "C" : score >= 20 ? "D" : "E";
  return { key, score, riskClass };
}

/** The sandbox with the demo's user, a password made at this start, and every debtor known. */
export function startDemoCreditBureau(): Promise<CreditBureauSandbox> {
  return startCreditBureauSandbox({ username: DEMO_CREDIT_BUREAU_USER, password: randomBytes(12).toString("hex"), subjectFor: demoSubject });
}
