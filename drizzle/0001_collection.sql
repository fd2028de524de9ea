CREATE SEQUENCE "public"."case_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 100001 CACHE 1;--> statement-breakpoint
CREATE TABLE "accounting_firms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"org_number" text,
	"address" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"creditor_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"bucket" text NOT NULL,
	"amount_minor" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"creditor_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"type" text NOT NULL,
	"stage" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text,
	"dedupe_key" text
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"kid" text NOT NULL,
	"jurisdiction" text NOT NULL,
	"currency" text NOT NULL,
	"stage" text NOT NULL,
	"hold_kind" text,
	"hold_reason" text,
	"hold_since" date,
	"hold_until" date,
	"debtor_type" text NOT NULL,
	"opened_on" date NOT NULL,
	"due_date" date NOT NULL,
	"respite_until" date,
	"reminder_sent_on" date,
	"reminder_deadline" date,
	"notice_sent_on" date,
	"notice_deadline" date,
	"notice_sent_by" text,
	"stop_list_on" date,
	"stop_window_ends_on" date,
	"payment_demand_approved_on" date,
	"demand_sent_on" date,
	"demand_deadline" date,
	"heavy_salary_on" date,
	"legal_approved_on" date,
	"legal_on" date,
	"last_legal_step" text,
	"remark_on" date,
	"surveillance_on" date,
	"closed_on" date,
	"close_reason" text,
	"closed_from_stage" text,
	"next_action_on" date,
	"limitation_on" date,
	"claim_for_salary_minor" bigint NOT NULL,
	"principal_minor" bigint NOT NULL,
	"principal_paid_minor" bigint DEFAULT 0 NOT NULL,
	"interest_base_minor" bigint DEFAULT 0 NOT NULL,
	"interest_base_on" date NOT NULL,
	"interest_accrued_minor" bigint DEFAULT 0 NOT NULL,
	"interest_accrued_on" date NOT NULL,
	"interest_paid_minor" bigint DEFAULT 0 NOT NULL,
	"fees_minor" bigint DEFAULT 0 NOT NULL,
	"fees_paid_minor" bigint DEFAULT 0 NOT NULL,
	"salary_minor" bigint DEFAULT 0 NOT NULL,
	"salary_paid_minor" bigint DEFAULT 0 NOT NULL,
	"legal_minor" bigint DEFAULT 0 NOT NULL,
	"legal_paid_minor" bigint DEFAULT 0 NOT NULL,
	"credit_minor" bigint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "charges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"creditor_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"rule" text NOT NULL,
	"source" text NOT NULL,
	"confidence" text NOT NULL,
	"payer" text DEFAULT 'debtor' NOT NULL,
	"key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"invoice_number" text NOT NULL,
	"description" text,
	"issue_date" date NOT NULL,
	"due_date" date NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"open_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"kid" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creditors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"firm_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"org_number" text,
	"address" jsonb,
	"jurisdiction" text DEFAULT 'NO' NOT NULL,
	"currency" text DEFAULT 'NOK' NOT NULL,
	"vat_registered" boolean DEFAULT true NOT NULL,
	"settings" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cycle_runs" (
	"creditor_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"step" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "debtors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"address" jsonb,
	"org_number" text,
	"birth_date" date,
	"email" text,
	"phone" text,
	"language" text DEFAULT 'nb' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interest_day_weights" (
	"jurisdiction" text NOT NULL,
	"day" date NOT NULL,
	"cum" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_on" date NOT NULL,
	"deadline" date NOT NULL,
	"language" text NOT NULL,
	"model" jsonb,
	"status" text DEFAULT 'queued' NOT NULL,
	"pdf" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"creditor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"case_id" uuid,
	"received_on" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"channel" text NOT NULL,
	"source" text NOT NULL,
	"external_ref" text NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creditors" ADD CONSTRAINT "creditors_firm_id_accounting_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."accounting_firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtors" ADD CONSTRAINT "debtors_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocations_case" ON "allocations" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "allocations_payment_bucket" ON "allocations" USING btree ("payment_id","bucket");--> statement-breakpoint
CREATE INDEX "case_events_case" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_dedupe" ON "case_events" USING btree ("case_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_claim_key" ON "cases" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_key" ON "cases" USING btree ("case_number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_kid_key" ON "cases" USING btree ("kid");--> statement-breakpoint
CREATE INDEX "cases_due_work" ON "cases" USING btree ("creditor_id","next_action_on") WHERE "cases"."closed_on" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "charges_case_key" ON "charges" USING btree ("case_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_source_key" ON "claims" USING btree ("creditor_id","source","external_id");--> statement-breakpoint
CREATE INDEX "claims_creditor_number" ON "claims" USING btree ("creditor_id","invoice_number");--> statement-breakpoint
CREATE UNIQUE INDEX "creditors_code_key" ON "creditors" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "cycle_runs_key" ON "cycle_runs" USING btree ("creditor_id","business_date","step");--> statement-breakpoint
CREATE UNIQUE INDEX "debtors_source_key" ON "debtors" USING btree ("creditor_id","source","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interest_day_weights_key" ON "interest_day_weights" USING btree ("jurisdiction","day");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_case_kind_day" ON "letters" USING btree ("case_id","kind","sent_on");--> statement-breakpoint
CREATE INDEX "letters_queued" ON "letters" USING btree ("status") WHERE "letters"."status" = 'queued';--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_key" ON "outbox" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox" USING btree ("status","id") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_source_key" ON "payments" USING btree ("creditor_id","source","external_ref");