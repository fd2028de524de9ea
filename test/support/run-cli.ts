import { main } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for `--json` runs). */
  json: <T = Record<string, unknown>>() => T;
}

/**
 * Runs the `fordring` command in-process with captured output. A command may set
 * `process.exitCode` (as it would before its process ends); it is cleared before and after, so one
 * command's code is never the next one's — the test files share their worker process.
 */
export async function cli(...args: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  process.exitCode = undefined;
  try {
    const code = await main(args, { out: (t) => (stdout += t.endsWith("\n") ? t : `${t}\n`), err: (t) => (stderr += t.endsWith("\n") ? t : `${t}\n`) });
    return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
  } finally {
    process.exitCode = undefined;
  }
}
