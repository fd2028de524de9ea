CREATE TABLE "payout_status_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"original_message_id" text NOT NULL,
	"group_status" text,
	"report_created_at" text,
	"sha256" text NOT NULL,
	"outcome" jsonb NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"settlement_id" uuid NOT NULL,
	"creditor_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"message_id" text NOT NULL,
	"end_to_end_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"account" text NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"status_code" text,
	"reason" text,
	"status_report_id" uuid,
	"status_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_settlement_id_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."settlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_status_reports_message" ON "payout_status_reports" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_attempt" ON "payouts" USING btree ("settlement_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_message" ON "payouts" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "payouts_status" ON "payouts" USING btree ("status");