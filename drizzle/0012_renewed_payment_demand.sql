ALTER TABLE "cases" ADD COLUMN "renewed_demand_sent_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "renewed_demand_deadline" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "pending_legal_step" text;