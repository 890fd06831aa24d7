-- Indexes for the exact expressions BookRepository.list emits, so no query shape of the API reads
-- the whole table (PostgresSearchIT checks the plans):
--   q:      LOWER(title) LIKE '%…%' OR LOWER(author) LIKE '%…%'  -> trigram GIN on both expressions
--   author: LOWER(author) = ?                                     -> B-tree on the expression
-- pg_trgm is a trusted extension: the database owner may create it, no superuser needed.
-- The index builds lock writes to books while they run (seconds per million books); the
-- migration runs without the request statement timeout (Migrations).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX books_title_lower_trgm ON books USING gin (LOWER(title) gin_trgm_ops);
CREATE INDEX books_author_lower_trgm ON books USING gin (LOWER(author) gin_trgm_ops);
CREATE INDEX books_author_lower ON books (LOWER(author));
