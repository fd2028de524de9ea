ALTER TABLE "cases" ADD COLUMN "renewed_demand_sent_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "renewed_demand_deadline" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "pending_legal_step" text;--> statement-breakpoint
CREATE INDEX "bank_files_identity" ON "bank_files" USING btree ("format","file_id");