CREATE TABLE "debtor_digital_addresses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"creditor_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"origin" text NOT NULL,
	"used_on" date NOT NULL,
	"debtors_own" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_delivery_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"creditor_id" uuid NOT NULL,
	"letter_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"address" text,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"permanent" boolean,
	"channel_message_id" text,
	"detail" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "letter_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"creditor_id" uuid NOT NULL,
	"letter_id" uuid NOT NULL,
	"status" text NOT NULL,
	"channel" text,
	"detail" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "delivery_status" text DEFAULT 'queued' NOT NULL;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "channel_message_id" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "delivery_reason" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "dispatched_on" date;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "delivery_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "debtor_digital_addresses" ADD CONSTRAINT "debtor_digital_addresses_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_delivery_attempts" ADD CONSTRAINT "letter_delivery_attempts_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_status_history" ADD CONSTRAINT "letter_status_history_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "debtor_digital_addresses_key" ON "debtor_digital_addresses" USING btree ("debtor_id","kind","address");--> statement-breakpoint
CREATE INDEX "letter_delivery_attempts_letter" ON "letter_delivery_attempts" USING btree ("letter_id","id");--> statement-breakpoint
CREATE INDEX "letter_status_history_letter" ON "letter_status_history" USING btree ("letter_id","id");--> statement-breakpoint
CREATE INDEX "letters_to_deliver" ON "letters" USING btree ("created_at") WHERE "letters"."status" = 'rendered' and "letters"."delivery_status" = 'queued';