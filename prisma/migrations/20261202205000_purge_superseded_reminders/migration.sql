-- Re-planning now deletes the rows it supersedes before their send time instead of keeping
-- them as CANCELLED (see replanAudits in libs/reminders). This removes the ones left behind so
-- far: CANCELLED before they were due (updated_at earlier than send_at) and never claimed by
-- a worker (attempts = 0), which only a re-plan did. Rows the worker dropped when they were
-- due, and manual sends, stay. Under a replay clock (send times in the past) nothing matches:
-- rows are kept rather than guessed at.
DELETE FROM "reminders"
 WHERE "status" = 'CANCELLED'
   AND "attempts" = 0
   AND "updated_at" < "send_at"
   AND NOT ('MANUAL' = ANY("reasons"));
