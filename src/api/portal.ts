import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";

/**
 * The portal (web/, React + Vite) served by the API server: the built files from dist/web, and
 * index.html for every other page a browser asks for (the portal routes on the client). /v1 and
 * /docs stay the API's, with the API's JSON 404.
 */

export const WEB_ROOT = fileURLToPath(new URL("../../web", import.meta.url));
export const DEFAULT_PORTAL_DIST = fileURLToPath(new URL("../../dist/web", import.meta.url));

/** Paths that are never the portal's, even when a browser asks for HTML. */
const API_PREFIXES = ["/v1", "/docs"];
/** The portal's pages are no part of the API: left out of the OpenAPI document. */
const HIDDEN = { schema: { hide: true } };

function isApiPath(url: string): boolean {
  const p = url.split("?")[0] ?? "";
  return API_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));
}

function acceptsHtml(req: FastifyRequest): boolean {
  return (req.headers.accept ?? "").includes("text/html");
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fordring</title></head>
<body><h1>The portal is not built</h1><p>Run <code>npm run build:web</code> (or restart with <code>npm start</code>, which builds it) and reload.</p>
<p>The API is running: <a href="/docs">/docs</a>.</p></body></html>`;

export function portalRoutes(opts: { distDir: string }): FastifyPluginAsync {
  return async (app) => {
    const distDir = path.resolve(opts.distDir);
    const built = existsSync(path.join(distDir, "index.html"));

    if (!built) {
      app.log.warn({ distDir }, "the portal is not built; serving the API only");
      const notBuilt = async (req: FastifyRequest, reply: FastifyReply) => {
        if (isApiPath(req.url) || !acceptsHtml(req)) return reply.callNotFound();
        return reply.status(503).type("text/html; charset=utf-8").header("cache-control", "no-store").send(NOT_BUILT_PAGE);
      };
      app.get("/", HIDDEN, notBuilt);
      app.get("/*", HIDDEN, notBuilt);
      return;
    }

    // Every built file gets its own route (wildcard: false), so the catch-all below is free for
    // the pages. Hashed assets never change; index.html must be asked for again every time.
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: "/",
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders(reply, filePath) {
        const immutable = filePath.split(path.sep).includes("assets");
        reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });

    const page = async (req: FastifyRequest, reply: FastifyReply) => {
      if (isApiPath(req.url) || !acceptsHtml(req)) return reply.callNotFound();
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    };
    app.get("/", HIDDEN, page);
    app.get("/*", HIDDEN, page);
  };
}

/** Newest modification time (ms) of the portal's sources; tests do not count. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (!/\.test\.tsx?$/.test(entry.name) && !entry.name.startsWith("test-")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the portal with Vite when `distDir` has no build yet or web/ changed since the last one
 * (what `npm start` does before listening). Returns whether it built.
 */
export async function ensurePortalBuilt(
  distDir: string,
  log: (line: string) => void,
  options: { webRoot?: string; force?: boolean; importVite?: () => Promise<typeof import("vite")> } = {},
): Promise<{ built: boolean; ms: number }> {
  const webRoot = options.webRoot ?? WEB_ROOT;
  const index = path.join(path.resolve(distDir), "index.html");
  const hasBuild = existsSync(index);
  if (!existsSync(path.join(webRoot, "vite.config.ts"))) {
    if (hasBuild) return { built: false, ms: 0 };
    throw new Error(`the portal is not built (${index} is missing) and its sources are not here (${webRoot}/vite.config.ts)`);
  }
  if (!options.force && hasBuild && statSync(index).mtimeMs >= newestSource(webRoot)) return { built: false, ms: 0 };

  // A production install (`npm ci --omit=dev` on a built tree, or the container) has no Vite: it
  // serves the build it was given, and without one it says how to make it.
  let vite: typeof import("vite");
  try {
    vite = await (options.importVite ?? (() => import("vite")))();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw e;
    if (hasBuild) {
      log("Vite is not installed (a production install): serving the portal as it was built.");
      return { built: false, ms: 0 };
    }
    throw new Error(`the portal is not built (${index} is missing) and Vite, which builds it, is not installed: run \`npm run build\` where the dev dependencies are installed, then install with \`npm ci --omit=dev\``);
  }
  log(hasBuild ? "The portal's sources changed: building it again (web/ → dist/web) …" : "Building the portal for the first time (web/ → dist/web) …");
  const started = Date.now();
  const heartbeat = setInterval(() => log(`  … still building the portal (${Math.round((Date.now() - started) / 1000)} s)`), 5_000);
  heartbeat.unref();
  try {
    await vite.build({
      configFile: path.join(webRoot, "vite.config.ts"),
      root: webRoot,
      logLevel: "warn",
      build: { outDir: path.resolve(distDir), emptyOutDir: true },
    });
  } finally {
    clearInterval(heartbeat);
  }
  const ms = Date.now() - started;
  log(`Portal built in ${(ms / 1000).toFixed(1)} s.`);
  return { built: true, ms };
}
