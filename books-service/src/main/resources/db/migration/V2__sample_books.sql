-- The two books of the original article, on the first start only, unless SEED_SAMPLE_DATA=false.
INSERT INTO books (isbn, title, author, publication_year, version, created_at, updated_at)
SELECT '9781788395540', 'Learning Node.js Development', 'Andrew Mead', 2018, 1,
       CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
WHERE '${seed_sample_data}' = 'true';

INSERT INTO books (isbn, title, author, publication_year, version, created_at, updated_at)
SELECT '9781788620215', 'Hands-On Microservices with Node.js', 'Diogo Resende', 2018, 1,
       CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
WHERE '${seed_sample_data}' = 'true';
