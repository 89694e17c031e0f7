-- How `info` documents are stored, for reading them fast (docs/operations.md, "Storage of info").
-- Postgres compresses a value, and moves it to the TOAST table, only while the row is larger than the
-- table's toast_tuple_target (~2 KB by default): a third of the documents were compressed and many stored
-- out of line, so every read of one (a GIN match's recheck, a rendered page) paid a TOAST lookup and a
-- decompression. With a target of a full page, documents up to ~8 KB stay in the row as they are.
-- Applies to rows written from now on; existing rows keep their storage until rewritten.
ALTER TABLE "contacts" SET (toast_tuple_target = 8160);
