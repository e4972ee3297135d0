// What a submitted package was prepared from, and whether it is still current. The letter and
// the report are rendered before the submission's transaction (rendering takes seconds to
// minutes, and nothing else may submit meanwhile); inside it, the same inputs are read again
// and compared with what was rendered, so a package never freezes a response that changed
// while it was being prepared.

/** One row the package rests on and what changes when the row does (its version, updatedAt...). */
export interface RowStamp {
  id: string;
  stamp: string | number | Date | null;
}

/** The parts of a response a package is made from, each compared on its own. */
export const SUBMISSION_INPUT_PARTS = {
  letter: 'the response letter (dispositions, objections, outward texts, letterhead)',
  requests: 'the requests',
  subjects: 'the subjects',
  responses: 'the answers',
  forms: "the requests' forms and the values given in them",
  evidence: 'the evidence',
  privilegeLog: 'the privilege log',
  extensions: 'the extensions',
} as const;

export type SubmissionInputPart = keyof typeof SUBMISSION_INPUT_PARTS;

export type SubmissionInputs = { letter: unknown } & Record<
  Exclude<SubmissionInputPart, 'letter'>,
  readonly RowStamp[]
>;

/** A comparable summary of the inputs: one canonical string per part. */
export type SubmissionFingerprint = Record<SubmissionInputPart, string>;

const stampText = (stamp: RowStamp['stamp']): string =>
  stamp instanceof Date ? stamp.toISOString() : stamp === null ? '-' : String(stamp);

/** The same rows with the same stamps give the same fingerprint, whatever order they were read in. */
export function submissionFingerprint(inputs: SubmissionInputs): SubmissionFingerprint {
  const rows = (stamps: readonly RowStamp[]) =>
    stamps
      .map((r) => `${r.id}@${stampText(r.stamp)}`)
      .sort()
      .join(',');
  return {
    letter: JSON.stringify(inputs.letter),
    requests: rows(inputs.requests),
    subjects: rows(inputs.subjects),
    responses: rows(inputs.responses),
    forms: rows(inputs.forms),
    evidence: rows(inputs.evidence),
    privilegeLog: rows(inputs.privilegeLog),
    extensions: rows(inputs.extensions),
  };
}

/** The parts that differ between what was rendered and what is current now, in a fixed order. */
export function changedSubmissionInputs(
  rendered: SubmissionFingerprint,
  current: SubmissionFingerprint,
): SubmissionInputPart[] {
  return (Object.keys(SUBMISSION_INPUT_PARTS) as SubmissionInputPart[]).filter((p) => rendered[p] !== current[p]);
}

/** What a submitter is told when the response changed under the package being prepared. */
export function staleSubmissionMessage(changed: readonly SubmissionInputPart[]): string {
  const what = changed.map((p) => SUBMISSION_INPUT_PARTS[p]).join('; ');
  return `The response changed while it was being prepared; submit again. Changed meanwhile: ${what}. Nothing was stored.`;
}
