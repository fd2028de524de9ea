CREATE TABLE "bank_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"format" text NOT NULL,
	"file_id" text NOT NULL,
	"name" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"counts" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bank_file_id" uuid NOT NULL,
	"line_ref" text NOT NULL,
	"creditor_id" uuid,
	"reference" text,
	"reference_valid" boolean,
	"amount_minor" bigint,
	"currency" text,
	"booked_on" date,
	"payer" jsonb,
	"bank_reference" text,
	"raw" text,
	"status" text NOT NULL,
	"note" text,
	"suggestions" jsonb,
	"case_id" uuid,
	"payment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_bank_file_id_bank_files_id_fk" FOREIGN KEY ("bank_file_id") REFERENCES "public"."bank_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_files_sha256" ON "bank_files" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_payments_line" ON "bank_payments" USING btree ("bank_file_id","line_ref");--> statement-breakpoint
CREATE INDEX "bank_payments_queue" ON "bank_payments" USING btree ("status") WHERE "bank_payments"."status" = 'unmatched';