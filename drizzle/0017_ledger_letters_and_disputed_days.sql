ALTER TABLE "cases" ADD COLUMN "disputed_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "ledger_letters" jsonb DEFAULT '[]'::jsonb NOT NULL;