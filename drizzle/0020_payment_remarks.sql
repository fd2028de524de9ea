CREATE TABLE "payment_remarks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"registered_on" date NOT NULL,
	"basis" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'to-report' NOT NULL,
	"reported_at" timestamp with time zone,
	"delete_reason" text,
	"deleted_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_remarks" ADD CONSTRAINT "payment_remarks_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_remarks" ADD CONSTRAINT "payment_remarks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_remarks_case" ON "payment_remarks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "payment_remarks_status" ON "payment_remarks" USING btree ("status");