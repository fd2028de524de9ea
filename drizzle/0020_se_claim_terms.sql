ALTER TABLE "cases" ADD COLUMN "due_date_agreed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "interest_from" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reminder_fee_agreed" boolean;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "reminder_fee_agreed" boolean;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "due_date_agreed" boolean;