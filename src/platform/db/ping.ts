import type { Queryable } from "./database.js";

/** Whether the database answers (the health check). */
export async function databaseAnswers(db: Queryable): Promise<boolean> {
  try {
    await db.query("select 1");
    return true;
  } catch {
    return false;
  }
}
