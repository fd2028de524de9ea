import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertNoDemoAgency, ConfigError, loadConfig } from "./config.js";
import { AGENCY_ENV } from "../../test/support/agency-env.js";

/**
 * Every environment variable is read once, here: the agency, the switches the top reads, and the
 * variables the ledger credentials name; a server deployment never starts on the demo agency.
 */
const AGENCY = AGENCY_ENV;

describe("the configuration", () => {
  it("reads the agency, with the payout account defaulting to the account debtors pay to", () => {
    const { agency } = loadConfig(AGENCY);
    expect(agency).toMatchObject({ name: "Nord Inkasso AS", address: { line1: "Storgata 1", postcode: "9008", city: "Tromsø", country: "NO" }, iban: "NO5015030100000", demoValues: [] });
    expect(agency.payoutAccount).toEqual({ name: "Nord Inkasso AS", iban: "NO5015030100000", bic: "SPTRNO22" });
    expect(loadConfig({ ...AGENCY, FORDRING_AGENCY_PAYOUT_IBAN: "NO8330001234567", FORDRING_AGENCY_PAYOUT_BIC: "DNBANOKK" }).agency.payoutAccount).toEqual({ name: "Nord Inkasso AS", iban: "NO8330001234567", bic: "DNBANOKK" });
  });

  it("takes the demo agency's values where unset, and names them", () => {
    const { agency } = loadConfig({ FORDRING_AGENCY_NAME: "Nord Inkasso AS" });
    expect(agency.name).toBe("Nord Inkasso AS");
    expect(agency.accountNumber).toBe("86011117947");
    expect(agency.demoValues).toContain("FORDRING_AGENCY_ACCOUNT");
    expect(agency.demoValues).not.toContain("FORDRING_AGENCY_NAME");
  });

  it("refuses a server deployment on demo agency values, naming each variable, and lets the embedded database use them", () => {
    const server = loadConfig({ DATABASE_URL: "postgresql://db/fordring", FORDRING_AGENCY_NAME: "Nord Inkasso AS" });
    expect(() => assertNoDemoAgency(server)).toThrow(ConfigError);
    expect(() => assertNoDemoAgency(server)).toThrow(/FORDRING_AGENCY_ACCOUNT: must be set on a server deployment/);
    expect(() => assertNoDemoAgency(loadConfig({ DATABASE_URL: "postgresql://db/fordring", ...AGENCY }))).not.toThrow();
    expect(() => assertNoDemoAgency(loadConfig({}))).not.toThrow();
  });

  it("outside the demo refuses letters until the agency's name, organisation number, licence, address, account and contact are set and valid, saying which", () => {
    expect(loadConfig({}).lettersRefused).toEqual([]); // the demo: the demo agency's letters go out
    expect(loadConfig({ DATABASE_URL: "postgresql://db/fordring", ...AGENCY }).lettersRefused).toEqual([]);
    expect(loadConfig({ FORDRING_DEMO: "off", ...AGENCY }).lettersRefused).toEqual([]);
    const tryOut = loadConfig({ FORDRING_DEMO: "off", FORDRING_AGENCY_NAME: "Nord Inkasso AS" });
    expect(tryOut.lettersRefused).toEqual(
      [
        "FORDRING_AGENCY_ORGNR: not set (the agency's organisation number)",
        "FORDRING_AGENCY_LICENCE: not set (the licence, e.g. Inkassobevilling fra Finanstilsynet)",
        "FORDRING_AGENCY_ADDRESS: not set (the agency's postal address)",
        "FORDRING_AGENCY_POSTCODE: not set (the agency's postcode)",
        "FORDRING_AGENCY_CITY: not set (the agency's city)",
        "FORDRING_AGENCY_ACCOUNT: not set (the account debtors pay to)",
        "FORDRING_AGENCY_PHONE / FORDRING_AGENCY_EMAIL: neither set (a debtor must be able to reach the agency)",
      ].map((p) => `letters are not sent until the agency's identity is complete: ${p}`),
    );
    const invalid = loadConfig({ DATABASE_URL: "postgresql://db/fordring", ...AGENCY, FORDRING_AGENCY_ORGNR: "974760674", FORDRING_AGENCY_ACCOUNT: "15030100001", FORDRING_AGENCY_POSTCODE: "90", FORDRING_AGENCY_EMAIL: "post(at)nord", FORDRING_AGENCY_PHONE: "" });
    expect(invalid.agency.demoValues).toEqual(["FORDRING_AGENCY_PHONE"]);
    expect(invalid.agency.problems).toEqual([
      expect.stringMatching(/^FORDRING_AGENCY_ORGNR: "974760674" is not a valid organisation number: /),
      'FORDRING_AGENCY_POSTCODE: "90" is not a Norwegian postcode (4 digits)',
      expect.stringMatching(/^FORDRING_AGENCY_ACCOUNT: "15030100001" is not a valid account number: /),
      'FORDRING_AGENCY_EMAIL: "post(at)nord" is not an e-mail address',
    ]);
    expect(invalid.lettersRefused).toHaveLength(4);
  });

  it("reads the switches once", () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: false, webhooksAllowPrivate: false, demo: true, portal: true, newPassword: undefined });
    expect(loadConfig({ FORDRING_TRUST_PROXY: "1", FORDRING_WEBHOOKS_ALLOW_PRIVATE: "1", FORDRING_DEMO: "off", FORDRING_PORTAL: "off", FORDRING_NEW_PASSWORD: "pw" })).toMatchObject({
      trustProxy: true,
      webhooksAllowPrivate: true,
      demo: false,
      portal: false,
      newPassword: "pw",
    });
  });

  it("reads the process role, the shutdown deadline and the proxy setting", () => {
    expect(loadConfig({})).toMatchObject({ role: "all", shutdownTimeoutSeconds: 25, trustProxy: false, metricsToken: undefined });
    expect(loadConfig({ FORDRING_ROLE: "worker", FORDRING_SHUTDOWN_TIMEOUT: "60", FORDRING_TRUST_PROXY: "true" })).toMatchObject({ role: "worker", shutdownTimeoutSeconds: 60, trustProxy: true });
    expect(loadConfig({ FORDRING_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ FORDRING_TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ FORDRING_TRUST_PROXY: "10.0.0.0/8, ::1" }).trustProxy).toEqual(["10.0.0.0/8", "::1"]);
    expect(() => loadConfig({ FORDRING_ROLE: "both" })).toThrow(/FORDRING_ROLE/);
    expect(() => loadConfig({ FORDRING_SHUTDOWN_TIMEOUT: "0" })).toThrow(/FORDRING_SHUTDOWN_TIMEOUT/);
    expect(() => loadConfig({ FORDRING_METRICS_TOKEN: "short" })).toThrow(/FORDRING_METRICS_TOKEN: must be at least 16 characters/);
  });

  it("reads a secret from the file NAME_FILE names (compose secrets), and refuses both or an unreadable file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-config-"));
    try {
      fs.writeFileSync(path.join(dir, "url"), "postgresql://fordring:pw@db:5432/fordring\n");
      fs.writeFileSync(path.join(dir, "key"), `${"ab".repeat(32)}\n`);
      const config = loadConfig({ DATABASE_URL_FILE: path.join(dir, "url"), FORDRING_SECRET_KEY_FILE: path.join(dir, "key") });
      expect(config).toMatchObject({ databaseUrl: "postgresql://fordring:pw@db:5432/fordring", secretKey: "ab".repeat(32) });
      expect(config.credentialVariables).not.toHaveProperty("DATABASE_URL_FILE");
      expect(() => loadConfig({ DATABASE_URL: "postgresql://x/y", DATABASE_URL_FILE: path.join(dir, "url") })).toThrow(/DATABASE_URL_FILE: DATABASE_URL is set as well/);
      expect(() => loadConfig({ FORDRING_SECRET_KEY_FILE: path.join(dir, "missing") })).toThrow(/FORDRING_SECRET_KEY_FILE: cannot read .*missing \(ENOENT\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the variables a ledger credential reference may name, as read", () => {
    const config = loadConfig({ POWEROFFICE_APPLICATION_KEY: "app", ACME_POWEROFFICE_KEY: "client", EMPTY: "" });
    expect(config.credentialVariables).toMatchObject({ POWEROFFICE_APPLICATION_KEY: "app", ACME_POWEROFFICE_KEY: "client" });
    expect(config.credentialVariables).not.toHaveProperty("EMPTY");
    expect(Object.isFrozen(config.credentialVariables)).toBe(true);
  });
});

describe("OpenTelemetry variables", () => {
  it("are off unset, on with the endpoint (the traces endpoint wins), off again with OTEL_SDK_DISABLED=true", () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" }).tracing).toEqual({ tracesUrl: "http://collector:4318/v1/traces", headers: {}, serviceName: "fordring" });
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://other:4318/traces", OTEL_EXPORTER_OTLP_HEADERS: "api-key=a%2Cb, x=1", OTEL_SERVICE_NAME: "fordring-eu" }).tracing,
    ).toEqual({ tracesUrl: "http://other:4318/traces", headers: { "api-key": "a,b", x: "1" }, serviceName: "fordring-eu" });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" }).tracing).toBeUndefined();
  });

  it("refuse a malformed endpoint or header list, naming the variable", () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: must be an http\(s\) URL/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_EXPORTER_OTLP_HEADERS: "novalue" })).toThrow(/OTEL_EXPORTER_OTLP_HEADERS: must be comma-separated key=value pairs/);
  });
});
