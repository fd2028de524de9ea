CREATE TABLE "debtor_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"creditor_id" uuid NOT NULL,
	"case_id" uuid,
	"source" text NOT NULL,
	"subject" text NOT NULL,
	"purpose" text NOT NULL,
	"actor" text NOT NULL,
	"checked_on" date NOT NULL,
	"outcome" text NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "debtor_checks" ADD CONSTRAINT "debtor_checks_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtor_checks" ADD CONSTRAINT "debtor_checks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "debtor_checks_case" ON "debtor_checks" USING btree ("case_id","checked_on");