import { AuditRole, ResponseStatus as S } from './enums';
import { decideResponseUpdate, type ResponseState, type WorkflowActor } from './response-workflow';

const ASSIGNEE = 'assignee';
const REVIEWER = 'reviewer';
const OWNER = 'owner';

const state = (over: Partial<ResponseState> = {}): ResponseState => ({
  status: S.NOT_STARTED,
  answer: null,
  assigneeId: ASSIGNEE,
  reviewerId: REVIEWER,
  subjectOwnerId: OWNER,
  dueDate: null,
  answeredById: null,
  ...over,
});
const actor = (userId: string, role: AuditRole): WorkflowActor => ({ userId, role });

describe('decideResponseUpdate', () => {
  it('moves a not-started response to in progress when the assignee writes an answer', () => {
    const decision = decideResponseUpdate(state(), { answer: 'Draft' }, actor(ASSIGNEE, AuditRole.CONTRIBUTOR));
    expect(decision).toEqual({ ok: true, status: S.IN_PROGRESS, approval: 'keep' });
  });

  it('lets the owner of the app answer, but not another contributor', () => {
    expect(decideResponseUpdate(state(), { answer: 'x' }, actor(OWNER, AuditRole.CONTRIBUTOR)).ok).toBe(true);
    const other = decideResponseUpdate(state(), { answer: 'x' }, actor('someone', AuditRole.CONTRIBUTOR));
    expect(other).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('refuses any write by a viewer', () => {
    const decision = decideResponseUpdate(state(), { answer: 'x' }, actor('viewer', AuditRole.VIEWER));
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('requires an answer before review', () => {
    const decision = decideResponseUpdate(
      state({ status: S.IN_PROGRESS, answer: '  ' }),
      { status: S.IN_REVIEW },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'ANSWER_REQUIRED' });
  });

  it('lets the reviewer approve and marks the approval as new', () => {
    const decision = decideResponseUpdate(
      state({ status: S.IN_REVIEW, answer: 'Done' }),
      { status: S.APPROVED },
      actor(REVIEWER, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toEqual({ ok: true, status: S.APPROVED, approval: 'set' });
  });

  it('never lets the assignee approve their own answer, even as counsel', () => {
    const decision = decideResponseUpdate(
      state({ status: S.IN_REVIEW, answer: 'Done' }),
      { status: S.APPROVED },
      actor(ASSIGNEE, AuditRole.LEAD_COUNSEL),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('refuses approval by a contributor who is not the reviewer', () => {
    const decision = decideResponseUpdate(
      state({ status: S.IN_REVIEW, answer: 'Done' }),
      { status: S.APPROVED },
      actor(OWNER, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('lets counsel who is not the assignee approve', () => {
    const decision = decideResponseUpdate(
      state({ status: S.IN_REVIEW, answer: 'Done' }),
      { status: S.APPROVED },
      actor('counsel', AuditRole.COUNSEL),
    );
    expect(decision).toMatchObject({ ok: true, status: S.APPROVED });
  });

  it('sends an edited approved answer back to review and clears the approval', () => {
    const decision = decideResponseUpdate(
      state({ status: S.APPROVED, answer: 'Done' }),
      { answer: 'Done, amended' },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toEqual({ ok: true, status: S.IN_REVIEW, approval: 'clear' });
  });

  it('keeps an approved response approved when the same answer is sent again', () => {
    const decision = decideResponseUpdate(
      state({ status: S.APPROVED, answer: 'Done' }),
      { answer: 'Done' },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toEqual({ ok: true, status: S.APPROVED, approval: 'keep' });
  });

  it('never lets the author of the answer approve it, even when named reviewer', () => {
    const decision = decideResponseUpdate(
      state({ status: S.IN_REVIEW, answer: 'Done', answeredById: REVIEWER }),
      { status: S.APPROVED },
      actor(REVIEWER, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('refuses rewriting and approving in one step', () => {
    const decision = decideResponseUpdate(
      state({ status: S.APPROVED, answer: 'Done', answeredById: ASSIGNEE }),
      { answer: 'Something else', status: S.APPROVED },
      actor('counsel', AuditRole.COUNSEL),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('records a fresh approval after the answer was edited and reviewed again', () => {
    const decision = decideResponseUpdate(
      state({ status: S.IN_REVIEW, answer: 'Amended', answeredById: ASSIGNEE }),
      { status: S.APPROVED },
      actor(REVIEWER, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toEqual({ ok: true, status: S.APPROVED, approval: 'set' });
  });

  it('lets a contributor send back unchanged assignment fields with an answer', () => {
    const decision = decideResponseUpdate(
      state({ dueDate: '2023-06-01' }),
      { answer: 'Draft', assigneeId: ASSIGNEE, reviewerId: REVIEWER, dueDate: '2023-06-01' },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toMatchObject({ ok: true, status: S.IN_PROGRESS });
  });

  it('refuses moves that skip the workflow', () => {
    const decision = decideResponseUpdate(
      state({ answer: 'x' }),
      { status: S.APPROVED },
      actor('counsel', AuditRole.COUNSEL),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'INVALID_TRANSITION' });
  });

  it('leaves "not applicable" and reopening to counsel', () => {
    const contributor = decideResponseUpdate(
      state(),
      { status: S.NOT_APPLICABLE },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(contributor).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    const counsel = decideResponseUpdate(state(), { status: S.NOT_APPLICABLE }, actor('counsel', AuditRole.COUNSEL));
    expect(counsel).toMatchObject({ ok: true, status: S.NOT_APPLICABLE });
    const reopen = decideResponseUpdate(
      state({ status: S.NOT_APPLICABLE }),
      { status: S.NOT_STARTED },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(reopen).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('leaves assignment and due dates to counsel', () => {
    const decision = decideResponseUpdate(state(), { dueDate: '2023-06-01' }, actor(ASSIGNEE, AuditRole.CONTRIBUTOR));
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    expect(decideResponseUpdate(state(), { assigneeId: OWNER }, actor('counsel', AuditRole.COUNSEL)).ok).toBe(true);
  });

  it('lets the reviewer ask for changes, and the assignee resubmit', () => {
    const asked = decideResponseUpdate(
      state({ status: S.IN_REVIEW, answer: 'x' }),
      { status: S.CHANGES_REQUESTED },
      actor(REVIEWER, AuditRole.CONTRIBUTOR),
    );
    expect(asked).toMatchObject({ ok: true, status: S.CHANGES_REQUESTED });
    const resubmitted = decideResponseUpdate(
      state({ status: S.CHANGES_REQUESTED, answer: 'x' }),
      { answer: 'y', status: S.IN_REVIEW },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(resubmitted).toMatchObject({ ok: true, status: S.IN_REVIEW });
  });
});
