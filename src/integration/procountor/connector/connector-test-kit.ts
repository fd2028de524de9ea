import { listeningSandbox, simulatedSleep } from "../../connector-test-kit.js";
import type { FetchLike } from "../../poweroffice/connector/transport.js";
import type { ManualClock } from "../../poweroffice/sandbox/sandbox-test-kit.js";
import { createProcountorSandbox, type ProcountorSandbox, type ProcountorSandboxOptions } from "../sandbox/index.js";
import { createProcountorConnector, type ProcountorConnector, type ProcountorConnectorOptions } from "./procountor-connector.js";

/**
 * The connector against a listening Procountor sandbox with the real `fetch`, on one manual clock
 * shared by both sides: sleeps (pacing, backoff) move the clock, so token expiry and the rate
 * limit play out in simulated time.
 */
export interface ProcountorRig {
  readonly sandbox: ProcountorSandbox;
  readonly url: string;
  readonly clock: ManualClock;
  /** Every request sent, as "METHOD /path?query". */
  readonly requests: string[];
  readonly fetch: FetchLike;
  connector(overrides?: Partial<ProcountorConnectorOptions>): ProcountorConnector;
  close(): Promise<void>;
}

export async function procountorRig(options: Omit<ProcountorSandboxOptions, "clock"> & { start?: string } = {}): Promise<ProcountorRig> {
  const { sandbox, url, clock, requests, fetch } = await listeningSandbox(options.start ?? "2026-03-02T09:00:00Z", (clock) => createProcountorSandbox({ ...options, clock }));
  const sleep = simulatedSleep(clock);
  return {
    sandbox,
    url,
    clock,
    requests,
    fetch,
    connector: (overrides = {}) =>
      createProcountorConnector({ baseUrl: url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, apiKey: sandbox.ledger.company.apiKey, fetch, clock, sleep, random: () => 0.5, timeoutMs: 2_000, ...overrides }),
    close: () => sandbox.close(),
  };
}
