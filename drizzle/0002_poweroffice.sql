CREATE TABLE "ledger_integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"credentials_ref" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"can_create_cases" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"watermark" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"last_sync_status" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"business_date" date NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "ledger_integrations" ADD CONSTRAINT "ledger_integrations_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_integration_id_ledger_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."ledger_integrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_integrations_key" ON "ledger_integrations" USING btree ("creditor_id","kind","credentials_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_integrations_case_creator" ON "ledger_integrations" USING btree ("creditor_id") WHERE "ledger_integrations"."can_create_cases";--> statement-breakpoint
CREATE INDEX "sync_runs_integration" ON "sync_runs" USING btree ("integration_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_running" ON "sync_runs" USING btree ("integration_id") WHERE "sync_runs"."status" = 'running';