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
ALTER TABLE "legal_proceedings" ADD CONSTRAINT "legal_proceedings_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_proceedings" ADD CONSTRAINT "legal_proceedings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "legal_proceedings_case" ON "legal_proceedings" USING btree ("case_id");