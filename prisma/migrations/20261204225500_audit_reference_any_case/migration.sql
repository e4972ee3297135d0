-- Audit references are unique whatever their case: to the people who cite them, "ACME-2026-01"
-- and "acme-2026-01" are one reference. The stored spelling stays as it was typed. The index
-- below, on lower(reference_code), refuses a second audit whose reference differs only in case,
-- also when two are saved at the same moment (the API's own look-up cannot see the other's
-- uncommitted row). The column's case-sensitive unique index stays: Prisma's findUnique on
-- referenceCode needs it.
--
-- Prisma's schema cannot describe an index on an expression, so it lives here only, and
-- `prisma migrate diff` (the schema-drift test) does not see it: the schema needs no mark.
--
-- A database that already holds two references differing only in case cannot take the index.
-- Renaming one here would change a reference the parties already cite in their letters, so the
-- migration stops instead, naming every such group (PostgreSQL's own refusal of the index names
-- none, as Prisma reports it). Whoever runs it keeps one reference of each group, gives the
-- other audits new ones (Edit demand), clears the failed attempt and deploys again. Clearing
-- it is `npx prisma migrate resolve --rolled-back 20261204225500_audit_reference_any_case`, or,
-- where Prisma's native schema engine is not installed (as in this repository's set-up):
--   DELETE FROM _prisma_migrations
--   WHERE migration_name = '20261204225500_audit_reference_any_case' AND finished_at IS NULL
--
-- No semicolon may appear in this file but at the end of a statement, comments included: the
-- pg driver adapter that runs migrations splits the script at every one. Hence the block's
-- code as an escaped string, each of its semicolons written \x3B.
DO E'
DECLARE
  clashes text\x3B
BEGIN
  SELECT string_agg(spellings, '', '' ORDER BY spellings) INTO clashes
  FROM (
    SELECT ''('' || string_agg(reference_code, '', '' ORDER BY reference_code) || '')'' AS spellings
    FROM audits
    GROUP BY lower(reference_code)
    HAVING count(*) > 1
  ) AS same_reference\x3B
  IF clashes IS NOT NULL THEN
    RAISE EXCEPTION ''Audit references must be unique whatever their case, and these differ only in case: %. ''
      ''Keep one reference of each group, give the other audits new ones, clear this failed migration ''
      ''(see the comments in prisma/migrations/20261204225500_audit_reference_any_case/migration.sql) ''
      ''and deploy again.'',
      clashes\x3B
  END IF\x3B
END';

-- CreateIndex
CREATE UNIQUE INDEX "audits_reference_code_lower_key" ON "audits" (lower("reference_code"));
