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
ALTER TABLE "case_documents" ADD COLUMN "data" jsonb;--> statement-breakpoint
ALTER TABLE "payment_plan_kids" ADD CONSTRAINT "payment_plan_kids_plan_id_payment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_kids" ADD CONSTRAINT "payment_plan_kids_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_active_case" ON "payment_plans" USING btree ("case_id") WHERE "payment_plans"."status" = 'active';--> statement-breakpoint
CREATE INDEX "payment_plans_creditor_active" ON "payment_plans" USING btree ("creditor_id") WHERE "payment_plans"."status" = 'active';