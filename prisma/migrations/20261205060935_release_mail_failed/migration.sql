-- A release whose emails are being sent was indistinguishable from one whose sending failed
-- (mailed_at null in both): another counsel could press "Send again" while the first emails
-- were still going out, revoking a link about to arrive. A failure is now recorded when it
-- happens. Releases not mailed before this migration are failures when made over five minutes
-- ago (RELEASE_SENDING_MAX_MS): their request ended long ago. Younger ones may still be sending
-- (a deploy while a release goes out): they are left to finish, or to count as not sent at five minutes.
--
-- No semicolon may appear in this file but at the end of a statement, comments included: the
-- pg driver adapter that runs migrations splits the script at every one.

-- AlterTable
ALTER TABLE "production_releases" ADD COLUMN     "mail_failed_at" TIMESTAMPTZ(3);

-- Backfill
UPDATE "production_releases" SET "mail_failed_at" = "created_at"
 WHERE "mailed_at" IS NULL AND "created_at" < now() - interval '5 minutes';
