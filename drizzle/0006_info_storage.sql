-- How `info` documents are stored, for reading them fast (docs/operations.md, "Storage of info").
-- 1. Keep a compressed document in the row up to a full page (8160 bytes) instead of moving anything
--    over ~2 KB to the TOAST table: reading a matched document then costs no TOAST index lookup and no
--    extra pages (a document the GIN index found must be re-read to confirm the match).
-- 2. Compress new documents with lz4 where the server has it (Postgres 14+ built with lz4; an embedded
--    build without it keeps pglz): it decompresses several times faster, which is most of the cost of
--    reading a document.
-- Both apply to rows written from now on; existing rows keep their storage until rewritten.
ALTER TABLE "contacts" SET (toast_tuple_target = 8160);--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "contacts" ALTER COLUMN "info" SET COMPRESSION lz4;
  END IF;
END
$$;
