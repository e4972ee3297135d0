-- AlterTable
ALTER TABLE "reports" ADD COLUMN     "draft" BOOLEAN;


-- Reports already rendered without unapproved answers are final, the others stay unknown
-- (null): whether they printed an unapproved answer was not recorded.
UPDATE "reports" SET "draft" = false WHERE "status" = 'DONE' AND "options"->>'includeUnapproved' = 'false';
