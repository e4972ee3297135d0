import {
  changedSubmissionInputs,
  staleSubmissionMessage,
  type SubmissionInputs,
  submissionFingerprint,
} from './submission-inputs';

const inputs = (overrides: Partial<SubmissionInputs> = {}): SubmissionInputs => ({
  letter: { requests: [{ ordinal: 1, disposition: 'COMPLY', objections: ['Overbroad.'] }] },
  requests: [{ id: 'r1', stamp: new Date('2023-06-01T10:00:00Z') }],
  subjects: [{ id: 's1', stamp: new Date('2023-06-01T10:00:00Z') }],
  responses: [
    { id: 'a1', stamp: 3 },
    { id: 'a2', stamp: 1 },
  ],
  forms: [
    { id: 'form:f1', stamp: '1/2023-06-01T10:00:00.000Z' },
    { id: 'values:a1', stamp: 'hash-1' },
  ],
  evidence: [{ id: 'e1', stamp: '2023-06-01T10:00:00.000Z/2' }],
  privilegeLog: [],
  extensions: [],
  ...overrides,
});

describe('submission inputs', () => {
  it('finds nothing changed when the same rows are read again in another order', () => {
    const again = inputs({
      responses: [
        { id: 'a2', stamp: 1 },
        { id: 'a1', stamp: 3 },
      ],
    });
    expect(changedSubmissionInputs(submissionFingerprint(inputs()), submissionFingerprint(again))).toEqual([]);
  });

  it('names the answers when an answer was saved again (its version moved)', () => {
    const saved = inputs({
      responses: [
        { id: 'a1', stamp: 4 },
        { id: 'a2', stamp: 1 },
      ],
    });
    expect(changedSubmissionInputs(submissionFingerprint(inputs()), submissionFingerprint(saved))).toEqual([
      'responses',
    ]);
  });

  it('names the forms when a form value changed though the answer kept its version', () => {
    const changed = inputs({
      forms: [
        { id: 'form:f1', stamp: '1/2023-06-01T10:00:00.000Z' },
        { id: 'values:a1', stamp: 'hash-2' },
      ],
    });
    expect(changedSubmissionInputs(submissionFingerprint(inputs()), submissionFingerprint(changed))).toEqual(['forms']);
  });

  it('names the letter when a disposition or objection changed, and rows added or removed', () => {
    const changed = inputs({
      letter: { requests: [{ ordinal: 1, disposition: 'OBJECT', objections: ['Overbroad.'] }] },
      evidence: [],
      privilegeLog: [{ id: 'p1', stamp: null }],
    });
    expect(changedSubmissionInputs(submissionFingerprint(inputs()), submissionFingerprint(changed))).toEqual([
      'letter',
      'evidence',
      'privilegeLog',
    ]);
  });

  it('tells the submitter to submit again and what changed', () => {
    expect(staleSubmissionMessage(['letter', 'responses'])).toBe(
      'The response changed while it was being prepared; submit again. Changed meanwhile: the response letter (dispositions, objections, outward texts, letterhead); the answers. Nothing was stored.',
    );
  });
});
