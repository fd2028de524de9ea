import { listeningSandbox, simulatedSleep } from "../../connector-test-kit.js";
import { createPowerOfficeSandbox, DEMO_CLIENT, type ManualClock, type PowerOfficeSandbox, type PowerOfficeSandboxOptions } from "../sandbox/index.js";
import { createPowerOfficeConnector, type PowerOfficeConnectorOptions } from "./poweroffice-connector.js";
import type { FetchLike } from "./transport.js";

/**
 * Tests run the connector against a listening sandbox with the real `fetch`, on one manual clock
 * shared by both sides: the connector's sleeps (pacing, backoff, replica settling) move the
 * clock instead of waiting, so token expiry, the rate limit and replica lag all play out in
 * simulated time.
 */
export interface ConnectorRig {
  readonly sandbox: PowerOfficeSandbox;
  readonly url: string;
  readonly clock: ManualClock;
  /** Every request the connector sent, as "METHOD /path?query". */
  readonly requests: string[];
  readonly fetch: FetchLike;
  /** Simulated milliseconds the connector slept. */
  slept(): number;
  connector(overrides?: Partial<PowerOfficeConnectorOptions>): ReturnType<typeof createPowerOfficeConnector>;
  close(): Promise<void>;
}

export async function connectorRig(options: Omit<PowerOfficeSandboxOptions, "clock"> & { start?: string } = {}): Promise<ConnectorRig> {
  const { sandbox, url, clock, requests, fetch } = await listeningSandbox(options.start ?? "2025-03-01T09:00:00Z", (clock) => createPowerOfficeSandbox({ ...options, clock }));
  let slept = 0;
  const sleep = simulatedSleep(clock, (ms) => {
    slept += ms;
  });
  return {
    sandbox,
    url,
    clock,
    requests,
    fetch,
    slept: () => slept,
    connector: (overrides = {}) =>
      createPowerOfficeConnector({
        baseUrl: url,
        applicationKey: DEMO_CLIENT.applicationKey,
        clientKey: DEMO_CLIENT.clientKey,
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

