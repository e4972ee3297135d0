-- An extension keeps two notes: the one written when the request was recorded (note) and the
-- one written with the decision (decision_note). Until now a decision's note overwrote the
-- request's, which then survived only in the activity log.
--
-- Extensions decided before this migration get their notes back from that log: the decision's
-- event recorded the note it replaced (changes.note.before) and the one it wrote
-- (changes.note.after). An extension is decided once, so it has at most one such event. A
-- decision saved with no note wrote no such change and is left as it is.
--
-- No semicolon may appear in this file but at the end of a statement, comments included: the
-- pg driver adapter that runs migrations splits the script at every one.

-- AlterTable
ALTER TABLE "audit_extensions" ADD COLUMN     "decision_note" TEXT;

-- Restore the request's note and move the decision's note to its own column
UPDATE "audit_extensions" AS e
   SET "decision_note" = ev."changes" -> 'note' ->> 'after',
       "note" = ev."changes" -> 'note' ->> 'before'
  FROM "activity_events" AS ev
 WHERE ev."entity_type" = 'extension'
   AND ev."entity_id" = e."id"::text
   AND ev."action" IN ('granted', 'denied', 'withdrawn')
   AND ev."changes" -> 'note' IS NOT NULL
   AND e."status" <> 'REQUESTED';
