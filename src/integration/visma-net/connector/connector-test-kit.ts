import { listeningSandbox, simulatedSleep } from "../../connector-test-kit.js";
import type { ManualClock } from "../../poweroffice/sandbox/sandbox-test-kit.js";
import type { FetchLike } from "../../poweroffice/connector/transport.js";
import { createVismaNetSandbox, DEMO_COMPANIES, type VismaNetSandbox, type VismaNetSandboxOptions } from "../sandbox/index.js";
import { createVismaNetConnector, type VismaNetConnectorOptions } from "./visma-net-connector.js";

/**
 * The connector against a listening Visma.net sandbox with the real `fetch`, on one manual clock:
 * the connector's sleeps (pacing, backoff, background polls) move the clock instead of waiting.
 */
export interface VismaConnectorRig {
  readonly sandbox: VismaNetSandbox;
  readonly url: string;
  readonly clock: ManualClock;
  /** Every request the connector sent, as "METHOD /path?query". */
  readonly requests: string[];
  readonly fetch: FetchLike;
  readonly sleep: (ms: number) => Promise<void>;
  connector(overrides?: Partial<VismaNetConnectorOptions>): ReturnType<typeof createVismaNetConnector>;
  close(): Promise<void>;
}

export async function vismaConnectorRig(options: Omit<VismaNetSandboxOptions, "clock"> & { start?: string } = {}): Promise<VismaConnectorRig> {
  const { sandbox, url, clock, requests, fetch } = await listeningSandbox(options.start ?? "2025-03-01T09:00:00Z", (clock) => createVismaNetSandbox({ ...options, clock }));
  // Real time too, a little: a background job runs on the sandbox's event loop.
  const sleep = simulatedSleep(clock, undefined, "timer");
  const company = options.companies?.[0] ?? DEMO_COMPANIES[0]!;
  return {
    sandbox,
    url,
    clock,
    requests,
    fetch,
    sleep,
    connector: (overrides = {}) =>
      createVismaNetConnector({
        baseUrl: url,
        tokenUrl: `${url}/connect/token`,
        clientId: company.clientId,
        clientSecret: company.clientSecret,
        tenantId: company.tenantId,
        fetch,
        clock,
        sleep,
        random: () => 0.5,
        timeoutMs: 2_000,
        ...overrides,
      }),
    close: () => sandbox.close(),
  };
}
