import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The one Drizzle schema for both drivers (node-postgres and PGlite). Migrations are generated
 * from it with `npm run db:generate` into `drizzle/` and applied at start.
 *
 * Every business table carries the creditor (tenant) key; `app_meta` is the one deployment-wide
 * table (schema facts, demo seeding state).
 */
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
