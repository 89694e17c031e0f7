DROP INDEX "contacts_org_creation_time_idx";--> statement-breakpoint
CREATE INDEX "contacts_org_name_idx" ON "contacts" USING btree ("organization_id",("name" COLLATE "C"));--> statement-breakpoint
CREATE INDEX "contacts_org_email_idx" ON "contacts" USING btree ("organization_id",("email_address" COLLATE "C"));--> statement-breakpoint
CREATE INDEX "contacts_tags_idx" ON "contacts" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "contacts_info_idx" ON "contacts" USING gin ("info" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_email_trgm_idx" ON "contacts" USING gin (lower("email_address") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_org_creation_time_idx" ON "contacts" USING btree ("organization_id","creation_time" DESC NULLS LAST,("id" COLLATE "C"));