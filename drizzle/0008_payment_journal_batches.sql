ALTER TABLE "payments" ADD COLUMN "journal_due" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "journal_batch_id" uuid;--> statement-breakpoint
CREATE INDEX "payments_journal_due" ON "payments" USING btree ("creditor_id") WHERE "payments"."journal_due" and "payments"."journal_batch_id" is null;