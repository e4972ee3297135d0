import type { Tx } from '@app/db';
import { demandLetterEntry, formatCalendarDate } from '@app/domain';
import { recordActivity } from '@app/activity';

/**
 * Files an attached demand letter under the log's first entry: the audit's demand-letter
 * entry, made now from the audit's parties and letter date (else the letter's own date, else
 * the day it was received) if the audit has none yet. Runs in the upload's transaction, under
 * the audit row's lock, so two letters attached at once make one entry.
 */
export async function fileDemandLetter(
  tx: Tx,
  input: { auditId: string; documentId: string; documentDate: Date | null; actorId: string },
): Promise<void> {
  const { auditId, documentId, actorId } = input;
  await tx.$queryRaw`SELECT id FROM audits WHERE id = ${auditId}::uuid FOR UPDATE`;
  let entry = await tx.correspondence.findFirst({ where: { auditId, demandLetter: true }, select: { id: true } });
  if (!entry) {
    const audit = await tx.audit.findUniqueOrThrow({ where: { id: auditId } });
    const letter = demandLetterEntry({
      ...audit,
      letterDay: formatCalendarDate(audit.letterDate ?? input.documentDate ?? audit.receivedOn),
      zone: audit.deadlineTimeZone,
    });
    entry = await tx.correspondence.create({
      data: {
        auditId,
        demandLetter: true,
        occurredAt: letter.occurredAt,
        timeZone: letter.timeZone,
        direction: letter.direction,
        channel: letter.channel,
        fromParty: letter.fromParty,
        toParty: letter.toParty,
        subject: letter.subject,
        createdById: actorId,
      },
      select: { id: true },
    });
    await recordActivity(tx, {
      actorId,
      auditId,
      entityType: 'correspondence',
      entityId: entry.id,
      action: 'created',
      changes: {
        occurredAt: { before: null, after: letter.occurredAt.toISOString() },
        subject: { before: null, after: letter.subject },
        demandLetter: { before: null, after: true },
      },
    });
  }
  await tx.evidence.update({ where: { id: documentId }, data: { correspondenceId: entry.id } });
}
