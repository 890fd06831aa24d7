-- Who created and who last changed each book: the caller the gateway names (X-Auth-Name; the
-- verifier and the key file bound it to 128 characters). Nullable, so rows written before this
-- migration, and a replica still on the previous image (it never names these columns), work on.
ALTER TABLE books ADD COLUMN created_by VARCHAR(128);
ALTER TABLE books ADD COLUMN updated_by VARCHAR(128);
