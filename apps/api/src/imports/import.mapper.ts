import type { ImportOutcome, RequestImportDecision, SubjectImportDecision } from '@app/domain';
import type { ImportCountsDto, RequestImportRowDto, SubjectImportRowDto } from './dto/import.dto';

export function importCounts(decisions: readonly { outcome: ImportOutcome }[]): ImportCountsDto {
  const count = (outcome: ImportOutcome) => decisions.filter((d) => d.outcome === outcome).length;
  return {
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    refused: count('refused'),
  };
}

export const mapRequestDecision = (d: RequestImportDecision): RequestImportRowDto => ({
  row: d.row,
  ordinal: d.ordinal,
  title: d.title,
  text: d.text,
  provisionReference: d.provisionReference,
  subjectNames: d.subjectNames,
  formTemplateName: d.formTemplateName,
  outcome: d.outcome,
  reason: d.reason,
  requestId: d.requestId,
});

export const mapSubjectDecision = (d: SubjectImportDecision, responsesReassigned: number): SubjectImportRowDto => ({
  row: d.row,
  name: d.name,
  product: d.product,
  ownerEmail: d.ownerEmail,
  outcome: d.outcome,
  reason: d.reason,
  subjectId: d.subjectId,
  responsesReassigned,
});
