-- btree_gin: GIN operator classes for scalar types, so a GIN index can lead with organization_id.
-- The new indexes are built before the old ones are dropped, so no query loses its index meanwhile.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "contacts_org_tags_idx" ON "contacts" USING gin ("organization_id","tags");--> statement-breakpoint
CREATE INDEX "contacts_org_info_idx" ON "contacts" USING gin ("organization_id","info" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "contacts_org_name_trgm_idx" ON "contacts" USING gin ("organization_id",lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_org_email_trgm_idx" ON "contacts" USING gin ("organization_id",lower("email_address") gin_trgm_ops);--> statement-breakpoint
DROP INDEX "contacts_tags_idx";--> statement-breakpoint
DROP INDEX "contacts_info_idx";--> statement-breakpoint
DROP INDEX "contacts_name_trgm_idx";--> statement-breakpoint
DROP INDEX "contacts_email_trgm_idx";
