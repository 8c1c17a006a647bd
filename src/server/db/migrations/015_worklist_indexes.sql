-- Back-office search at a province's volume (bench/worklist: 1,000,000 dossiers, p95 < 50 ms). What
-- GET /api/staff/dossiers (searchDossiers in src/server/modules/workflow/queries.ts) needs beyond 013:

-- 1. Newest first. Every search ends in ORDER BY submitted_at DESC LIMIT 21; without an index on submitted_at a
--    common name ("nguyen van" matches ~8 % of all dossiers) made PostgreSQL fetch every match through the trigram
--    index and sort them all (0.2–0.8 s measured at 1M dossiers). With it, the planner walks the newest dossiers and stops at
--    the 21st match (a few hundred rows); the trigram index stays the better path for rare names.
CREATE INDEX dossiers_submitted_idx ON dossiers (submitted_at);

-- 2. Name search within an official's units. An official of a commune sees a few percent of the province's
--    dossiers (their units in unit_ids); the trigrams of Vietnamese names are few and common ("ngu", "thi", "an "),
--    so the province-wide trigram index returns long posting lists for every name and costs 15–30 ms per search
--    however few dossiers the official can see. This index keys each trigram of the folded name by each unit of
--    the dossier ("dni.phurieng.vhxh ngu"), so a search scoped to a handful of units reads only those units' lists.
--    searchDossiers adds, for a scope of at most 32 units, the condition
--      dossier_unit_trigrams(unit_ids, applicant_search) @> <unit + trigram for every trigram the pattern implies>
--    (OR over the units) next to the unchanged unit_ids && … AND applicant_search LIKE '%…%': a pre-filter implied by
--    those two conditions (the same trigrams pg_trgm itself extracts from the LIKE pattern), so the result is the
--    same. show_trgm is schema-qualified: index expressions run with a restricted search_path during maintenance.
CREATE FUNCTION dossier_unit_trigrams(unit_ids text[], name text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(u || ' ' || t), '{}') FROM unnest(unit_ids) AS u, unnest(public.show_trgm(coalesce(name, ''))) AS t $$;
CREATE INDEX dossiers_unit_trigrams_idx ON dossiers USING gin (dossier_unit_trigrams(unit_ids, applicant_search));

-- 3. Full names over the whole province. Without a unit scope to narrow it (a provincial supervisor, an
--    administrator), a full name such as "le gia phuong an" matched through the trigram index costs 15–50 ms: every
--    trigram of it is common. Words in pairs are not: this index holds, for every two adjacent words (a, b) of the
--    folded name, "s:<any ending of a> b" and "p:a <any beginning of b>" (~17 keys a name). A search of three words
--    or more q1 … qm is contained in a name only if the name has "s:q1 q2" and "p:qi q(i+1)" for i ≥ 2 (q1 may be
--    the end of a word, the inner words are whole words, qm may be the beginning of one), so searchDossiers adds
--    dossier_name_pairs(applicant_search) @> those keys: again a pre-filter implied by the name test.
--    PL/pgSQL here because it computes the keys five times faster than the set-based SQL form (index build time).
CREATE FUNCTION dossier_name_pairs(name text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 2
  AS $$
DECLARE
  w text[] := string_to_array(coalesce(name, ''), ' ');
  keys text[] := '{}';
  a text;
  b text;
BEGIN
  FOR i IN 1 .. coalesce(array_length(w, 1), 0) - 1 LOOP
    a := w[i];
    b := w[i + 1];
    CONTINUE WHEN a = '' OR b = '';
    FOR k IN 1 .. length(a) LOOP
      keys := keys || ('s:' || right(a, k) || ' ' || b);
    END LOOP;
    FOR k IN 1 .. length(b) LOOP
      keys := keys || ('p:' || a || ' ' || left(b, k));
    END LOOP;
  END LOOP;
  RETURN keys;
END
$$;
CREATE INDEX dossiers_name_pairs_idx ON dossiers USING gin (dossier_name_pairs(applicant_search));

-- Declared costs. A filter's conditions run cheapest first, and these functions must run after the name test (they
-- then run only on rows that match, a handful). dossier_unit_trigrams keeps the default (100): its condition is an
-- index condition by design. dossier_name_pairs competes with the newest-first walk, which is the cheaper plan for a
-- name held by thousands of applicants (it stops at the 21st match among the newest rows, where the pair lookup must
-- fetch every match): costed per row at 100, or at what a call really takes, it made the planner price the walk as if
-- it called the function on every row it passes, reject it, or push the plan past jit_above_cost and into parallel
-- workers (JIT compilation and worker start-up measured at 20–100 ms, more than the query). Declared at 2, it still
-- sorts after the name test (strpos, cost 2 with its comparison, written first) and the walk is priced right.

-- Statistics for the new index expressions now, not after the next autovacuum: without them the planner guesses the
-- selectivity of the conditions on them.
ANALYZE dossiers;
