-- One row per book, keyed by its ISBN-13. version backs the ETag and If-Match checks.
CREATE TABLE books (
  isbn             CHAR(13)                 NOT NULL PRIMARY KEY,
  title            VARCHAR(200)             NOT NULL,
  author           VARCHAR(200)             NOT NULL,
  publication_year INTEGER,
  version          BIGINT                   NOT NULL,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
