import { recordingFetch } from "../../poweroffice/connector/connector-test-kit.js";
import { manualClock, type ManualClock } from "../../poweroffice/sandbox/sandbox-test-kit.js";
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
  const clock = manualClock(options.start ?? "2025-03-01T09:00:00Z");
  const sandbox = createVismaNetSandbox({ ...options, clock });
  const url = await sandbox.listen();
  const requests: string[] = [];
  const fetch = recordingFetch(requests);
  const sleep = async (ms: number) => {
    clock.advance(ms);
    // Real time too, a little: a background job runs on the sandbox's event loop.
    await new Promise((resolve) => setTimeout(resolve, 1));
  };
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
