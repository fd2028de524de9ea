/**
 * The credit bureau port (kredittopplysningsforetak): a credit check — a score and the payment
 * remarks registered — for a person or a company, and the agency's own payment remarks
 * (betalingsanmerkninger) reported to the bureau and deleted again when the claim is paid.
 *
 * No Norwegian bureau publishes a public API for persons' credit checks or for collection
 * agencies' remark reporting (Experian, Dun & Bradstreet/Bisnode and Creditsafe document such
 * services to customers only). Creditsafe's public Connect documentation (doc.creditsafe.com)
 * gives the authentication this contract copies: `POST /authenticate` with `{ username, password }`
 * answers a JWT `{ token }` valid one hour, sent as `Authorization: Bearer …`. The rest is
 * **Fordring's own REST contract, not a vendor's** (docs/CASES.md, "Credit checks"):
 *
 *   POST   /v1/credit-checks            { subject, purpose, requestedBy } → 200 { reference, score, riskClass, paymentRemarks[] } | 404 unknown subject
 *   POST   /v1/payment-remarks          { reference, subject, creditor, caseNumber, amountMinor, currency, basis, registeredOn } → 201 (200 when the reference is already registered)
 *   DELETE /v1/payment-remarks/{reference} → 204 (404: nothing registered under it, which is also "deleted")
 *
 * Anything else (no answer, 5xx, 429, an answer we cannot read) is `BureauUnavailable`: the caller
 * waits and retries, and never takes it as "no remarks" or "reported".
 */
export type CreditSubject =
  | { readonly type: "company"; readonly orgNumber: string; readonly name: string }
  | { readonly type: "person"; readonly nationalId: string | null; readonly birthDate: string | null; readonly name: string };

export interface BureauRemark {
  readonly reference: string;
  readonly creditor: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly registeredOn: string;
  readonly source: string;
}

export type CreditReport =
  | { readonly found: true; readonly reference: string; readonly score: number; readonly riskClass: string; readonly paymentRemarks: readonly BureauRemark[] }
  | { readonly found: false };

export interface RemarkReport {
  /** Our id for the remark (the bureau deduplicates by it). */
  readonly reference: string;
  readonly subject: CreditSubject;
  readonly creditor: string;
  readonly caseNumber: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** Why the remark may be registered (docs/CASES.md, "Payment remarks"). */
  readonly basis: string;
  readonly registeredOn: string;
}

export class BureauUnavailable extends Error {
  constructor(readonly detail: string) {
    super(`the credit bureau is unavailable: ${detail}`);
    this.name = "BureauUnavailable";
  }
}

export interface CreditBureau {
  check(subject: CreditSubject, purpose: string, requestedBy: string): Promise<CreditReport>;
  reportRemark(remark: RemarkReport): Promise<void>;
  deleteRemark(reference: string): Promise<void>;
}

export interface CreditBureauConfig {
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

/** The HTTP adapter of the contract above; the token is fetched on first use and again after a 401 or an hour. */
export function creditBureauHttp(config: CreditBureauConfig, options: { timeoutMs?: number; fetch?: typeof fetch; now?: () => number } = {}): CreditBureau {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const base = config.url.replace(/\/$/, "");
  let token: { value: string; until: number } | null = null;

  async function call(method: string, path: string, body: unknown, retried = false): Promise<Response> {
    if (!token || token.until <= now()) token = await authenticate();
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: { accept: "application/json", authorization: `Bearer ${token.value}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new BureauUnavailable((e as Error).message);
    }
    if (res.status === 401 && !retried) {
      token = null;
      return call(method, path, body, true);
    }
    return res;
  }

  async function authenticate(): Promise<{ value: string; until: number }> {
    let res: Response;
    try {
      res = await doFetch(`${base}/authenticate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: config.username, password: config.password }), signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
    } catch (e) {
      throw new BureauUnavailable((e as Error).message);
    }
    if (res.status !== 200) throw new BureauUnavailable(`authentication answered HTTP ${res.status}`);
    const body = (await res.json().catch(() => null)) as { token?: unknown } | null;
    if (typeof body?.token !== "string") throw new BureauUnavailable("authentication answered no token");
    // Creditsafe's tokens last one hour; renewed five minutes early.
    return { value: body.token, until: now() + 55 * 60_000 };
  }

  return {
    async check(subject, purpose, requestedBy) {
      const res = await call("POST", "/v1/credit-checks", { subject, purpose, requestedBy });
      if (res.status === 404) return { found: false };
      if (res.status !== 200) throw new BureauUnavailable(`credit check answered HTTP ${res.status}`);
      const b = (await res.json().catch(() => null)) as { reference?: unknown; score?: unknown; riskClass?: unknown; paymentRemarks?: unknown } | null;
      if (!b || typeof b.reference !== "string" || typeof b.score !== "number" || !Number.isInteger(b.score) || typeof b.riskClass !== "string" || !Array.isArray(b.paymentRemarks)) {
        throw new BureauUnavailable("the credit check's answer is not the contract's shape");
      }
      return { found: true, reference: b.reference, score: b.score, riskClass: b.riskClass, paymentRemarks: b.paymentRemarks as BureauRemark[] };
    },
    async reportRemark(remark) {
      const res = await call("POST", "/v1/payment-remarks", remark);
      if (res.status !== 201 && res.status !== 200) throw new BureauUnavailable(`remark report answered HTTP ${res.status}`);
    },
    async deleteRemark(reference) {
      const res = await call("DELETE", `/v1/payment-remarks/${encodeURIComponent(reference)}`, undefined);
      if (res.status !== 204 && res.status !== 404) throw new BureauUnavailable(`remark deletion answered HTTP ${res.status}`);
    },
  };
}

const adapters = new WeakMap<CreditBureauConfig, CreditBureau>();

/** The deployment's bureau (`FORDRING_CREDIT_BUREAU_URL`, `_USER`, `_PASSWORD`), or none; one adapter (and token) per configuration. */
export function creditBureauOf(config: { creditBureau: CreditBureauConfig | null }): CreditBureau | undefined {
  if (!config.creditBureau) return undefined;
  let adapter = adapters.get(config.creditBureau);
  if (!adapter) adapters.set(config.creditBureau, (adapter = creditBureauHttp(config.creditBureau)));
  return adapter;
}
