-- Books for scale tests and bench/scale.sh, on H2 and PostgreSQL alike: replace @ROWS@ with a
-- derived table of one BIGINT column n from 1 to N (H2: SELECT X AS n FROM SYSTEM_RANGE(1, N);
-- PostgreSQL: SELECT generate_series(1, N) AS n). Row n gets ISBN 979 + n in 9 digits + its check
-- digit (the API's own POSTs in the benchmark use 978, so they never collide), a title
-- "<adjective> <topic>, volume n" (each topic in 1 of 7 books, so "kubernetes" is a frequent
-- hit; nothing contains "zzyzx") and one of 5000 authors, "Author 0000" to "Author 4999".
INSERT INTO books (isbn, title, author, publication_year, version, created_at, updated_at)
SELECT '979' || s || CAST(MOD(10 - MOD(39 + 3 * CAST(SUBSTRING(s, 1, 1) AS INT) + 1 * CAST(SUBSTRING(s, 2, 1) AS INT) + 3 * CAST(SUBSTRING(s, 3, 1) AS INT) + 1 * CAST(SUBSTRING(s, 4, 1) AS INT) + 3 * CAST(SUBSTRING(s, 5, 1) AS INT) + 1 * CAST(SUBSTRING(s, 6, 1) AS INT) + 3 * CAST(SUBSTRING(s, 7, 1) AS INT) + 1 * CAST(SUBSTRING(s, 8, 1) AS INT) + 3 * CAST(SUBSTRING(s, 9, 1) AS INT), 10), 10) AS VARCHAR(1)),
       CASE MOD(n, 10) WHEN 0 THEN 'Practical' WHEN 1 THEN 'Learning' WHEN 2 THEN 'Mastering' WHEN 3 THEN 'Modern' WHEN 4 THEN 'Effective' WHEN 5 THEN 'Hands-On' WHEN 6 THEN 'Advanced' WHEN 7 THEN 'Beginning' WHEN 8 THEN 'Professional' WHEN 9 THEN 'Pragmatic' END || ' '
         || CASE MOD(n, 7) WHEN 0 THEN 'Node.js' WHEN 1 THEN 'Java' WHEN 2 THEN 'Kubernetes' WHEN 3 THEN 'PostgreSQL' WHEN 4 THEN 'Microservices' WHEN 5 THEN 'React' WHEN 6 THEN 'Linux' END || ', volume ' || CAST(n AS VARCHAR(12)),
       'Author ' || LPAD(CAST(MOD(n, 5000) AS VARCHAR(4)), 4, '0'),
       CAST(1950 + MOD(n, 75) AS INTEGER), 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM (SELECT n, LPAD(CAST(n AS VARCHAR(9)), 9, '0') AS s FROM (@ROWS@) AS r) AS g
