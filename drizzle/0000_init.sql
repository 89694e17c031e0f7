CREATE TABLE "api_keys" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text,
	"email_address" text,
	"company_contact_id" text,
	"creation_time" timestamp with time zone NOT NULL,
	"last_update_time" timestamp with time zone NOT NULL,
	"info" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "api_keys_org_idx" ON "api_keys" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "contacts_org_creation_time_idx" ON "contacts" USING btree ("organization_id","creation_time" DESC NULLS LAST,"id");