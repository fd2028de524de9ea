#!/usr/bin/env node
/* global fetch */
// The container image and the compose file, checked where there is no container daemon (CI runs
// this; docs/OPERATIONS.md, "Container and compose"):
//
// 1. The Dockerfile's stages, performed outside docker in a temporary folder: each stage is a
//    folder standing for its filesystem; COPY copies (from the build context, minus
//    .dockerignore, or from an earlier stage), WORKDIR and ENV are followed, and every RUN that is
//    a build step (`npm …`) runs there with the stage's environment. RUNs of other kinds (none
//    today) would be refused, since they may touch this machine's own filesystem.
// 2. What the image promises: Node 22 base, a non-root USER, a HEALTHCHECK, no dev dependency
//    in the final stage (no vite, typescript, vitest, eslint); then the final stage's ENTRYPOINT +
//    CMD started with its environment (an embedded database under a temporary FORDRING_DATA_DIR)
//    and the HEALTHCHECK's own command run against it.
// 3. compose.yaml validated against the Compose Specification's JSON schema
//    (deploy/schema/compose-spec.json, vendored with its provenance) with Ajv, plus the
//    references the schema cannot see: secrets, volumes, services named in depends_on, roles.
//
//   node scripts/check-container-build.mjs            (after `npm ci`; prints one line per step)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";
import { createRequire } from "node:module";

const draft07 = createRequire(import.meta.url)("ajv/dist/refs/json-schema-draft-07.json");

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const step = (text) => console.log(`container: ${text}`);
const fail = (text) => {
  throw new Error(text);
};

/** The Dockerfile as instructions: line continuations joined, comments and parser directives dropped. */
export function parseDockerfile(text) {
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/);
  const out = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) fail(`Dockerfile: cannot read "${line}"`);
    out.push({ op: m[1].toUpperCase(), args: m[2].replace(/\s+/g, " ").trim() });
  }
  return out;
}

/** `.dockerignore` patterns as a test on a path relative to the context (the simple forms this repository uses). */
function ignoreTest(text) {
  const patterns = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const regexes = patterns.map((p) => new RegExp(`^${p.replace(/^\/+|\/+$/g, "").replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/|$)`));
  return (rel) => regexes.some((r) => r.test(rel));
}

function flags(args) {
  const options = {};
  let rest = args;
  for (;;) {
    const m = /^--([a-z]+)=(\S+)\s+(.*)$/.exec(rest);
    if (!m) break;
    options[m[1]] = m[2];
    rest = m[3];
  }
  return { options, rest };
}

const expand = (s, vars) => s.replace(/\$\{([A-Z_]+)(:-([^}]*))?\}|\$([A-Z_]+)/g, (_m, a, _d, def, b) => vars[a ?? b] ?? def ?? "");

function jsonArray(s) {
  const t = s.trim();
  if (!t.startsWith("[")) return ["/bin/sh", "-c", t];
  return JSON.parse(t);
}

/** Performs the Dockerfile's stages in `work`; returns the final stage's folder and metadata. */
function buildStages(dockerfile, work) {
  const ignored = ignoreTest(existsSync(path.join(root, ".dockerignore")) ? readFileSync(path.join(root, ".dockerignore"), "utf8") : "");
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter((f) => f && existsSync(path.join(root, f)) && !ignored(f));
  const args = {};
  const stages = new Map();
  let stage;
  const inStage = (p) => path.join(stage.dir, path.posix.isAbsolute(p) ? p : path.posix.join(stage.workdir, p));
  for (const { op, args: raw } of parseDockerfile(dockerfile)) {
    if (op === "ARG" && !stage) {
      const [name, value] = raw.split("=");
      args[name] = value ?? "";
      continue;
    }
    if (op === "FROM") {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(raw);
      if (!m) fail(`FROM ${raw}: cannot read`);
      const name = m[2] ?? String(stages.size);
      stage = { name, base: expand(m[1], args), dir: path.join(work, name), workdir: "/", env: {}, user: "root", healthcheck: undefined, entrypoint: [], cmd: [], ran: [] };
      mkdirSync(stage.dir, { recursive: true });
      stages.set(name, stage);
      continue;
    }
    if (!stage) fail(`${op} before FROM`);
    switch (op) {
      case "WORKDIR":
        stage.workdir = path.posix.resolve(stage.workdir, raw);
        mkdirSync(inStage("."), { recursive: true });
        break;
      case "ENV": {
        for (const m of raw.matchAll(/([A-Z_][A-Z0-9_]*)=("[^"]*"|\S+)/g)) stage.env[m[1]] = m[2].replace(/^"|"$/g, "");
        break;
      }
      case "COPY": {
        const { options, rest } = flags(raw);
        const parts = rest.split(" ");
        const dest = parts.pop();
        for (const src of parts) {
          if (options.from) {
            const from = stages.get(options.from);
            if (!from) fail(`COPY --from=${options.from}: no such stage before this one`);
            const source = path.join(from.dir, path.posix.isAbsolute(src) ? src : path.posix.join(from.workdir, src));
            if (!existsSync(source)) fail(`COPY --from=${options.from} ${src}: not in that stage`);
            cpSync(source, inStage(dest), { recursive: true });
          } else if (src === ".") {
            for (const f of tracked) cpSync(path.join(root, f), path.join(inStage(dest), f), { recursive: true });
          } else {
            if (ignored(src)) fail(`COPY ${src}: excluded by .dockerignore`);
            if (!existsSync(path.join(root, src))) fail(`COPY ${src}: not in the build context`);
            const target = dest.endsWith("/") && statSync(path.join(root, src)).isFile() ? path.join(inStage(dest), path.basename(src)) : inStage(dest);
            const files = tracked.filter((f) => f === src || f.startsWith(`${src}/`));
            if (files.length === 0) fail(`COPY ${src}: no tracked file there`);
            for (const f of files) cpSync(path.join(root, f), f === src ? target : path.join(target, path.relative(src, f)), { recursive: true });
          }
        }
        break;
      }
      case "RUN": {
        const command = raw.trim();
        if (!/^npm (ci|run|install)\b[^;&|`$<>]*$/.test(command)) fail(`RUN ${command}: only npm build steps are performed outside docker; add this kind here on purpose`);
        step(`[${stage.name}] RUN ${command}`);
        const r = spawnSync("/bin/sh", ["-c", command], { cwd: inStage("."), env: { ...process.env, ...stage.env, CI: "true" }, stdio: ["ignore", "ignore", "inherit"] });
        if (r.status !== 0) fail(`[${stage.name}] RUN ${command} exited with ${r.status}`);
        stage.ran.push(command);
        break;
      }
      case "USER":
        stage.user = raw;
        break;
      case "HEALTHCHECK": {
        const m = /CMD\s+(.*)$/.exec(raw);
        stage.healthcheck = m ? jsonArray(m[1]) : undefined;
        break;
      }
      case "ENTRYPOINT":
        stage.entrypoint = jsonArray(raw);
        break;
      case "CMD":
        stage.cmd = jsonArray(raw);
        break;
      case "ARG":
      case "EXPOSE":
      case "VOLUME":
      case "STOPSIGNAL":
      case "LABEL":
        break;
      default:
        fail(`${op}: not an instruction this check knows; teach it, or the image is not what CI checked`);
    }
  }
  return { stages, final: stage };
}

async function waitFor(url, child, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(url);
      return res.status;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  fail(child.exitCode !== null ? `the image's process exited with ${child.exitCode}` : `${url} did not answer within ${ms / 1000} s`);
}

async function checkImage() {
  const work = mkdtempSync(path.join(tmpdir(), "fordring-image-"));
  let child;
  try {
    const { stages, final } = buildStages(readFileSync(path.join(root, "Dockerfile"), "utf8"), work);
    step(`stages ${[...stages.keys()].join(" → ")} performed in ${work}`);
    for (const s of stages.values()) if (!/^node:22[.-]/.test(s.base)) fail(`stage ${s.name} is FROM ${s.base}, not Node 22`);
    if (final.user === "root" || final.user === "0") fail("the final stage runs as root (no USER)");
    if (!final.healthcheck) fail("the final stage has no HEALTHCHECK");
    for (const dev of ["vite", "typescript", "vitest", "eslint", "drizzle-kit", "@playwright/test"]) {
      if (existsSync(path.join(final.dir, final.workdir, "node_modules", dev))) fail(`the final stage has the dev dependency ${dev}`);
    }
    step(`final stage "${final.name}": FROM ${final.base}, USER ${final.user}, HEALTHCHECK, no dev dependencies`);

    // The final stage as the container starts it: ENTRYPOINT + CMD with the image's environment;
    // its /data is a temporary folder, and it listens on loopback on a free port here.
    const app = path.join(final.dir, final.workdir);
    const port = String(4000 + Math.floor(Math.random() * 900));
    const dataDir = path.join(final.dir, "data");
    const env = { ...process.env, ...final.env, HOST: "127.0.0.1", PORT: port, FORDRING_DATA_DIR: dataDir, DATABASE_URL: "", FORDRING_DEMO: "off", LOG_LEVEL: "warn" };
    const [command, ...commandArgs] = [...final.entrypoint, ...final.cmd];
    if (command !== "node") fail(`ENTRYPOINT starts ${command}, expected node`);
    child = spawn(process.execPath, commandArgs, { cwd: app, env, stdio: ["ignore", "inherit", "inherit"] });
    const status = await waitFor(`http://127.0.0.1:${port}/health/ready`, child, 120_000);
    if (status !== 200) fail(`/health/ready answered ${status}`);
    step(`started as "${[...final.entrypoint, ...final.cmd].join(" ")}": /health/ready answered 200`);
    const [hcCommand, ...hcArgs] = final.healthcheck;
    const hc = spawnSync(hcCommand === "node" ? process.execPath : hcCommand, hcArgs, { cwd: app, env, timeout: 10_000 });
    if (hc.status !== 0) fail(`the HEALTHCHECK command exited with ${hc.status}: ${hc.stderr}`);
    step("the HEALTHCHECK command passes against it");
    const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: "text/html" } });
    if (page.status !== 200 || !(await page.text()).includes('<div id="root"')) fail(`the portal's page answered ${page.status}`);
    step("the built portal is served");
  } finally {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    rmSync(work, { recursive: true, force: true });
  }
}

/** Validates a compose document; returns the problems (empty when valid). */
export function composeProblems(doc, schema) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  // The schema names draft-07 by its https address; Ajv ships that meta-schema under the http one.
  if (schema.$schema && !ajv.getSchema(schema.$schema)) ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
  const validate = ajv.compile(schema);
  const problems = validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
  const services = doc.services ?? {};
  const names = (list) => (Array.isArray(list) ? list.map((x) => (typeof x === "string" ? x : x.source)) : Object.keys(list ?? {}));
  for (const [name, s] of Object.entries(services)) {
    for (const secret of names(s.secrets)) if (!(secret in (doc.secrets ?? {}))) problems.push(`services.${name}.secrets: "${secret}" is not under secrets:`);
    for (const dep of names(s.depends_on)) if (!services[dep]) problems.push(`services.${name}.depends_on: no service "${dep}"`);
    for (const v of s.volumes ?? []) {
      const source = typeof v === "string" ? v.split(":")[0] : v.source;
      if (source && !source.startsWith(".") && !source.startsWith("/") && !(source in (doc.volumes ?? {}))) problems.push(`services.${name}.volumes: "${source}" is not under volumes:`);
    }
    const command = Array.isArray(s.command) ? s.command : [];
    const role = command.indexOf("--role");
    if (role >= 0 && !["api", "worker", "all"].includes(command[role + 1])) problems.push(`services.${name}.command: --role ${command[role + 1]} is not api, worker or all`);
  }
  return problems;
}

function checkCompose() {
  const schema = JSON.parse(readFileSync(path.join(root, "deploy/schema/compose-spec.json"), "utf8"));
  const doc = parseYaml(readFileSync(path.join(root, "compose.yaml"), "utf8"), { merge: true });
  const problems = composeProblems(doc, schema);
  if (problems.length) fail(`compose.yaml does not follow the Compose Specification:\n  ${problems.join("\n  ")}`);
  const services = doc.services;
  const roles = Object.entries(services).map(([n, s]) => `${n}${Array.isArray(s.command) ? ` (${s.command.join(" ")})` : ""}`);
  if (!/^postgres:17\b/.test(services.db?.image ?? "")) fail("compose.yaml: the db service is not PostgreSQL 17");
  step(`compose.yaml is valid against the Compose Specification schema: ${roles.join(", ")}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    checkCompose();
    if (!process.argv.includes("--compose-only")) await checkImage();
    console.log("container: ok");
  } catch (e) {
    console.error(`container: FAILED: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
