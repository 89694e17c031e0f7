-- pg_trgm powers the trigram GIN indexes that serve ilike / icontains on name and email.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
