ALTER TABLE "accounting_firms" ADD COLUMN "approved_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "accounting_firms" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "creditors" ADD COLUMN "registration_approved_at" timestamp with time zone DEFAULT now();