CREATE SEQUENCE "public"."letter_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 100001 CACHE 1;--> statement-breakpoint
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
CREATE TABLE "idempotency_keys" (
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"body" text,
	"content_type" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_proceedings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"step" text NOT NULL,
	"filed_on" date NOT NULL,
	"filed_by" text NOT NULL,
	"status" text DEFAULT 'filed' NOT NULL,
	"tvangsgrunnlag" jsonb,
	"result" text,
	"judgment_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"message_id" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_plan_kids" (
	"kid" text PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"instalment" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"agreed_on" date NOT NULL,
	"agreed_by" text NOT NULL,
	"currency" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"instalments" jsonb NOT NULL,
	"kid_mode" text NOT NULL,
	"grace_days" integer NOT NULL,
	"paid_before_minor" bigint NOT NULL,
	"cost_minor" bigint DEFAULT 0 NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "letters_case_kind_day";--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "data" jsonb;--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "customer_number" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "copy_of" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "digest_opt_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "debtor_checks" ADD CONSTRAINT "debtor_checks_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtor_checks" ADD CONSTRAINT "debtor_checks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_proceedings" ADD CONSTRAINT "legal_proceedings_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_proceedings" ADD CONSTRAINT "legal_proceedings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_log" ADD CONSTRAINT "notification_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_kids" ADD CONSTRAINT "payment_plan_kids_plan_id_payment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_kids" ADD CONSTRAINT "payment_plan_kids_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "debtor_checks_case" ON "debtor_checks" USING btree ("case_id","checked_on");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_principal_key" ON "idempotency_keys" USING btree ("principal","key");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "legal_proceedings_case" ON "legal_proceedings" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_log_key" ON "notification_log" USING btree ("user_id","kind","key");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_active_case" ON "payment_plans" USING btree ("case_id") WHERE "payment_plans"."status" = 'active';--> statement-breakpoint
CREATE INDEX "payment_plans_creditor_active" ON "payment_plans" USING btree ("creditor_id") WHERE "payment_plans"."status" = 'active';--> statement-breakpoint
CREATE INDEX "bank_payments_fingerprint" ON "bank_payments" USING btree ("booked_on","amount_minor");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_number_key" ON "letters" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_case_kind_day" ON "letters" USING btree ("case_id","kind","sent_on") WHERE "letters"."copy_of" is null;