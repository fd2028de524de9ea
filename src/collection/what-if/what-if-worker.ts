import { parentPort, workerData } from "node:worker_threads";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { openDatabase, openEmbeddedCopy, type Database } from "../../platform/db/database.js";
import { loadRuleBook } from "../../platform/rule-book.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { whatIf, type ProposedSettings, type WhatIfProgress, type WhatIfResult } from "./what-if.js";

/**
 * One what-if run in a worker thread (`what-if-jobs.ts`), on a database of its own: a server's
 * own connection, or an in-memory copy of the embedded database — so the server's thread and its
 * connection keep answering while the run takes its seconds.
 */
export interface WhatIfWorkerData {
  databaseUrl: string | null;
  dump: Blob | null;
  rulesDir: string | null;
  creditorId: string;
  proposed: ProposedSettings;
  days: number;
  today: string;
  agency: LetterAgency;
}

export type WhatIfWorkerMessage = { kind: "progress"; progress: WhatIfProgress } | { kind: "done"; result: WhatIfResult } | { kind: "failed"; message: string };

const data = workerData as WhatIfWorkerData;
const port = parentPort!;
let database: Database | undefined;
try {
  database = data.databaseUrl ? await openDatabase({ databaseUrl: data.databaseUrl, migrate: false, poolSize: 2 }) : await openEmbeddedCopy(data.dump!);
  const result = await whatIf(database, {
    creditorId: data.creditorId,
    proposed: data.proposed,
    days: data.days,
    today: LocalDate.parse(data.today, "today"),
    rules: loadRuleBook(data.rulesDir ?? undefined),
    agency: data.agency,
    onProgress: (progress) => port.postMessage({ kind: "progress", progress } satisfies WhatIfWorkerMessage),
  });
  port.postMessage({ kind: "done", result } satisfies WhatIfWorkerMessage);
} catch (e) {
  port.postMessage({ kind: "failed", message: e instanceof Error ? e.message : String(e) } satisfies WhatIfWorkerMessage);
} finally {
  await database?.close().catch(() => undefined);
}
