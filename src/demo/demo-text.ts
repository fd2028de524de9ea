import type { DemoInfo } from "./seed-demo.js";

/** The lines `npm start` and `fordring demo seed` print after seeding: where to log in, and as whom. */
export function demoLoginText(info: Pick<DemoInfo, "logins" | "creditors" | "counts">, portalUrl: string): string {
  const roles: Record<string, string> = { "firm-admin": "accounting firm, all its clients", "creditor-user": "one client", "operator-admin": "the agency" };
  const width = Math.max(...info.logins.map((l) => l.email.length));
  return [
    `Demo: ${info.creditors.map((c) => c.name).join(", ")} — ${info.counts.cases} cases, ${info.counts.letters} letters, ${info.counts.settlements} settlements`,
    `Log in at ${portalUrl}`,
    ...info.logins.map((l) => `  ${l.email.padEnd(width)}  ${l.password}  (${roles[l.role] ?? l.role})`),
  ].join("\n");
}

/** A progress printer for a terminal without a bar: one line per step, and every tenth of it. */
export function progressLines(write: (line: string) => void): (step: string, done: number, total: number) => void {
  let lastStep = "";
  let lastTenth = -1;
  return (step, done, total) => {
    const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
    if (step === lastStep && tenth === lastTenth) return;
    if (step !== lastStep) lastTenth = -1;
    lastStep = step;
    lastTenth = tenth;
    write(`  ${step.padEnd(8)} ${String(done).padStart(4)}/${total}`);
  };
}
