import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { REPO } from "../support/spawn-fordring.js";

/**
 * The checks scripts/check-container-build.mjs makes where there is no container daemon (CI runs
 * the whole script; this shows its compose validation refuses what it should, so a green CI
 * means something).
 */
type Check = {
  composeProblems(doc: unknown, schema: unknown): string[];
  parseDockerfile(text: string): { op: string; args: string }[];
};
const modulePath = path.join(REPO, "scripts/check-container-build.mjs");
const check = (await import(modulePath)) as Check;
const schema = JSON.parse(fs.readFileSync(path.join(REPO, "deploy/schema/compose-spec.json"), "utf8")) as unknown;
const compose = () => parseYaml(fs.readFileSync(path.join(REPO, "compose.yaml"), "utf8"), { merge: true }) as { services: Record<string, Record<string, unknown>>; secrets: Record<string, unknown> };

describe("the compose file's check", () => {
  it("passes the shipped compose.yaml: PostgreSQL 17, api and worker roles, secrets as files", () => {
    const doc = compose();
    expect(check.composeProblems(doc, schema)).toEqual([]);
    expect(doc.services["db"]!["image"]).toMatch(/^postgres:17/);
    expect(doc.services["api"]!["command"]).toEqual(["serve", "--role", "api"]);
    expect(doc.services["worker"]!["command"]).toEqual(["serve", "--role", "worker"]);
    expect(Object.keys(doc.secrets)).toEqual(expect.arrayContaining(["database_url", "fordring_secret_key", "postgres_password"]));
  });

  it("reports a property the Compose Specification does not have, an undeclared secret or volume, an unknown role", () => {
    const doc = compose();
    doc.services["api"]!["replica"] = 2;
    (doc.services["worker"]!["secrets"] as string[]).push("missing_secret");
    (doc.services["worker"]!["volumes"] as string[]).push("undeclared:/x");
    doc.services["worker"]!["command"] = ["serve", "--role", "both"];
    expect(check.composeProblems(doc, schema)).toEqual([
      "/services/api must NOT have additional properties (replica)",
      'services.worker.secrets: "missing_secret" is not under secrets:',
      'services.worker.volumes: "undeclared" is not under volumes:',
      "services.worker.command: --role both is not api, worker or all",
    ]);
  });
});

describe("the Dockerfile as the check reads it", () => {
  it("ends in a stage on Node 22 that runs as a non-root user with a healthcheck", () => {
    const steps = check.parseDockerfile(fs.readFileSync(path.join(REPO, "Dockerfile"), "utf8"));
    const last = steps.slice(steps.map((s) => s.op).lastIndexOf("FROM"));
    expect(last[0]!.args).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim AS runtime$/);
    expect(steps.find((s) => s.op === "ARG")!.args).toBe("NODE_VERSION=22");
    expect(last.find((s) => s.op === "USER")!.args).toBe("node");
    expect(last.find((s) => s.op === "HEALTHCHECK")!.args).toContain("/health/live");
    expect(last.filter((s) => s.op === "RUN")).toEqual([]);
  });
});
