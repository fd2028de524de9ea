import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const REPO = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(REPO, "bin/fordring.js");

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `fordring ARGS` as a real child process and waits for it to end. */
export function runFordring(args: string[], env: Record<string, string | undefined> = {}, input?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, LOG_LEVEL: "silent", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/**
 * What a long-running `fordring` child (a sandbox, the server) printed by the time it says it is
 * up ("Ctrl+C" in its start line); rejects if it exits first or says nothing within `ms`.
 */
export function untilStarted(child: ChildProcess, ms = 30_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`no start: ${text}`)), ms);
    child.stdout!.on("data", (d) => {
      text += d;
      if (text.includes("Ctrl+C")) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${text}`)));
  });
}

export interface Served {
  child: ChildProcess;
  url: string;
  stop(): Promise<number | null>;
  /** Everything it printed to standard output so far (the JSON log lines at LOG_LEVEL info). */
  output(): string;
}

/** Starts `fordring serve` on a free port and resolves once it prints its URL. */
export function serveFordring(env: Record<string, string | undefined>, timeoutMs = 60_000, args: string[] = []): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve", ...args], { cwd: REPO, env: { ...process.env, LOG_LEVEL: "silent", PORT: "0", ...env } });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`fordring serve did not start within ${timeoutMs} ms\n${out}\n${err}`));
    }, timeoutMs);
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      const m = /running at (http:\/\/\S+?) /.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          url: m[1]!,
          output: () => out,
          stop: () =>
            new Promise((res) => {
              if (child.exitCode !== null) return res(child.exitCode);
              child.once("exit", (code) => res(code));
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`fordring serve exited with ${code}\n${out}\n${err}`));
    });
  });
}
