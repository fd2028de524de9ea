import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { ensurePortalBuilt, portalRoutes } from "./portal.js";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "fordring-portal-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function serverWith(distDir: string) {
  const app = Fastify();
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: "not_found", message: `no route ${req.method} ${req.url}` } });
  });
  app.get("/v1/health", async () => ({ ok: true }));
  app.get("/docs", async () => "docs");
  await app.register(portalRoutes({ distDir }));
  await app.ready();
  return app;
}

const html = { accept: "text/html,application/xhtml+xml" };

describe("serving the portal", () => {
  const dist = tempDir();
  mkdirSync(path.join(dist, "assets"));
  writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>portal</title>");
  writeFileSync(path.join(dist, "assets", "index-abc123.js"), "console.log(1)");

  it("serves index.html for the portal's pages", async () => {
    const app = await serverWith(dist);
    for (const url of ["/", "/login", "/firms/0b6e/dashboard", "/cases/123?x=1"]) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.body).toContain("<title>portal</title>");
    }
    await app.close();
  });

  it("serves the built assets with a long cache", async () => {
    const app = await serverWith(dist);
    const res = await app.inject({ url: "/assets/index-abc123.js" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("console.log(1)");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    await app.close();
  });

  it("leaves /v1 and /docs to the API, and answers non-HTML requests with the API's 404", async () => {
    const app = await serverWith(dist);
    expect((await app.inject({ url: "/v1/health", headers: html })).json()).toEqual({ ok: true });
    const missingApi = await app.inject({ url: "/v1/nothing-here", headers: html });
    expect(missingApi.statusCode).toBe(404);
    expect(missingApi.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await app.inject({ url: "/docs/nothing", headers: html })).statusCode).toBe(404);
    const missingAsset = await app.inject({ url: "/assets/gone.js", headers: { accept: "*/*" } });
    expect(missingAsset.statusCode).toBe(404);
    expect((await app.inject({ method: "POST", url: "/login", headers: html })).statusCode).toBe(404);
    await app.close();
  });

  it("says the portal is not built when there is no build", async () => {
    const app = await serverWith(path.join(tempDir(), "missing"));
    const page = await app.inject({ url: "/firms/1", headers: html });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain("npm run build:web");
    expect((await app.inject({ url: "/v1/health", headers: html })).statusCode).toBe(200);
    expect((await app.inject({ url: "/x.js" })).statusCode).toBe(404);
    await app.close();
  });
});

describe("ensurePortalBuilt", () => {
  it("builds web/ with Vite when there is no build, then not again until a source changes", async () => {
    const dist = path.join(tempDir(), "web");
    const lines: string[] = [];
    const first = await ensurePortalBuilt(dist, (l) => lines.push(l));
    expect(first.built).toBe(true);
    const index = readFileSync(path.join(dist, "index.html"), "utf8");
    const script = /src="\/assets\/([^"]+\.js)"/.exec(index)?.[1];
    expect(script).toBeDefined();
    expect(existsSync(path.join(dist, "assets", script!))).toBe(true);
    expect(lines[0]).toMatch(/Building the portal for the first time/);
    expect(lines.at(-1)).toMatch(/^Portal built in \d+\.\d s\.$/);

    expect((await ensurePortalBuilt(dist, (l) => lines.push(l))).built).toBe(false);

    // A build older than the sources is built again.
    const old = new Date(Date.now() - 3_600_000 * 24 * 365 * 20);
    utimesSync(path.join(dist, "index.html"), old, old);
    expect((await ensurePortalBuilt(dist, () => undefined)).built).toBe(true);
  }, 120_000);

  it("serves the build it was given when Vite is not installed (npm ci --omit=dev), and says how to build when there is none", async () => {
    const noVite = async (): Promise<never> => {
      throw Object.assign(new Error("Cannot find package 'vite'"), { code: "ERR_MODULE_NOT_FOUND" });
    };
    const dir = tempDir();
    const dist = path.join(dir, "web");
    mkdirSync(dist, { recursive: true });
    writeFileSync(path.join(dist, "index.html"), "<!doctype html>");
    const old = new Date(Date.now() - 3_600_000 * 24 * 365 * 20);
    utimesSync(path.join(dist, "index.html"), old, old); // older than the sources: a dev install would rebuild
    const lines: string[] = [];
    await expect(ensurePortalBuilt(dist, (l) => lines.push(l), { importVite: noVite })).resolves.toEqual({ built: false, ms: 0 });
    expect(lines).toEqual(["Vite is not installed (a production install): serving the portal as it was built."]);
    await expect(ensurePortalBuilt(path.join(dir, "none"), () => undefined, { importVite: noVite })).rejects.toThrow(/npm run build/);
  });

  it("refuses clearly when there is neither a build nor the sources", async () => {
    const dir = tempDir();
    await expect(ensurePortalBuilt(path.join(dir, "dist"), () => undefined, { webRoot: path.join(dir, "web") })).rejects.toThrow(/the portal is not built .* sources are not here/);
  });
});
