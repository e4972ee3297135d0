-- AlterTable
ALTER TABLE "users" ADD COLUMN     "can_open_audits" BOOLEAN NOT NULL DEFAULT false;

-- Whoever leads an audit today has been opening audits: they keep the right, so an upgrade
-- locks no working lawyer out of "New audit". Everyone else waits for an admin to allow it.
UPDATE "users" SET "can_open_audits" = true
WHERE "id" IN (SELECT "user_id" FROM "audit_members" WHERE "role" = 'LEAD_COUNSEL');
