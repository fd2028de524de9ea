import type { PgBoss } from "pg-boss";
import type { SecretBox } from "../access/secret-box.js";
import type { Clock } from "../platform/clock.js";
import type { Config } from "../platform/config.js";
import type { Database } from "../platform/db/database.js";
import type { Logger } from "../platform/logger.js";
import type { Mailer } from "../notifications/mailer.js";
import type { RuleBook } from "../platform/rule-book.js";

/** What a route may use. Built once at start (src/main/app.ts) and passed down explicitly. */
export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  rules: RuleBook;
  jobs: PgBoss | undefined;
  version: string;
  /** Encryption at rest for identity numbers and webhook secrets. */
  secrets: SecretBox;
  /** E-mail to users (invitations, password resets, registrations); absent when no SMTP server is configured. */
  mailer?: Mailer;
}
