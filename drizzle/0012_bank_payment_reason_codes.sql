ALTER TABLE "bank_payments" ADD COLUMN "reason_code" text;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD COLUMN "reason_data" jsonb;