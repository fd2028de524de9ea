CREATE TABLE "settlement_items" (
	"settlement_id" uuid NOT NULL,
	"creditor_id" uuid NOT NULL,
	"item" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"settled_on" date NOT NULL,
	"result" jsonb NOT NULL,
	"voucher" jsonb NOT NULL,
	"payout_minor" bigint NOT NULL,
	"invoice_minor" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "settlement_items" ADD CONSTRAINT "settlement_items_settlement_id_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."settlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_items_item" ON "settlement_items" USING btree ("item");--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_period" ON "settlements" USING btree ("creditor_id","period_from","period_to");