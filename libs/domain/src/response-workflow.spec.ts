import { AuditRole, ResponseStatus as S } from './enums';
import {
  allowedStatusMoves,
  backingLockedByApproval,
  canChangeBacking,
  decideResponseUpdate,
  responseState,
  type MemberRoles,
  type ResponseChange,
  type ResponseState,
  type WorkflowActor,
} from './response-workflow';

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
/** The audit's members: the people of `state()` and a viewer. */
const MEMBERS: MemberRoles = new Map([
  [ASSIGNEE, AuditRole.CONTRIBUTOR],
  [REVIEWER, AuditRole.CONTRIBUTOR],
  [OWNER, AuditRole.CONTRIBUTOR],
  ['counsel', AuditRole.COUNSEL],
  ['viewer', AuditRole.VIEWER],
]);
const decide = (current: ResponseState, change: ResponseChange, by: WorkflowActor, members = MEMBERS) =>
  decideResponseUpdate(current, change, by, members);

describe('decideResponseUpdate', () => {
  it('moves a not-started response to in progress when the assignee writes an answer', () => {
    const decision = decide(state(), { answer: 'Draft' }, actor(ASSIGNEE, AuditRole.CONTRIBUTOR));
    expect(decision).toEqual({ ok: true, status: S.IN_PROGRESS, approval: 'keep' });
  });

  it('lets the owner of the app answer, but not another contributor', () => {
    expect(decide(state(), { answer: 'x' }, actor(OWNER, AuditRole.CONTRIBUTOR)).ok).toBe(true);
    const other = decide(state(), { answer: 'x' }, actor('someone', AuditRole.CONTRIBUTOR));
    expect(other).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('refuses any write by a viewer', () => {
    const decision = decide(state(), { answer: 'x' }, actor('viewer', AuditRole.VIEWER));
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('requires an answer before review', () => {
    const decision = decide(
      state({ status: S.IN_PROGRESS, answer: '  ' }),
      { status: S.IN_REVIEW },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'ANSWER_REQUIRED' });
  });

  it('lets the reviewer approve and marks the approval as new', () => {
    const decision = decide(
      state({ status: S.IN_REVIEW, answer: 'Done' }),
      { status: S.APPROVED },
      actor(REVIEWER, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toEqual({ ok: true, status: S.APPROVED, approval: 'set' });
  });

  it('never lets the assignee approve their own answer, even as counsel', () => {
    const decision = decide(
      state({ status: S.IN_REVIEW, answer: 'Done' }),
      { status: S.APPROVED },
      actor(ASSIGNEE, AuditRole.LEAD_COUNSEL),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('refuses approval by a contributor who is not the reviewer', () => {
    const decision = decide(
      state({ status: S.IN_REVIEW, answer: 'Done' }),
      { status: S.APPROVED },
      actor(OWNER, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('lets counsel who is not the assignee approve', () => {
    const decision = decide(
      state({ status: S.IN_REVIEW, answer: 'Done' }),
      { status: S.APPROVED },
      actor('counsel', AuditRole.COUNSEL),
    );
    expect(decision).toMatchObject({ ok: true, status: S.APPROVED });
  });

  it('refuses an edit of an approved answer: one keystroke must not withdraw an approval', () => {
    const decision = decide(
      state({ status: S.APPROVED, answer: 'Done' }),
      { answer: 'Done, amended' },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'INVALID_TRANSITION', field: 'answer' });
  });

  it('lets counsel reopen an approved answer, with a reason, clearing the approval', () => {
    const approved = state({ status: S.APPROVED, answer: 'Done' });
    const counsel = actor('counsel', AuditRole.COUNSEL);
    expect(decide(approved, { status: S.IN_PROGRESS, statusReason: 'The retention period changed' }, counsel)).toEqual({
      ok: true,
      status: S.IN_PROGRESS,
      approval: 'clear',
    });
    // Reopened and edited in one step.
    expect(
      decide(approved, { status: S.IN_PROGRESS, statusReason: 'Typo', answer: 'Done, amended' }, counsel),
    ).toMatchObject({ ok: true, status: S.IN_PROGRESS });
    expect(decide(approved, { status: S.IN_PROGRESS, statusReason: '  ' }, counsel)).toMatchObject({
      ok: false,
      reason: 'REASON_REQUIRED',
      field: 'statusReason',
    });
    expect(
      decide(approved, { status: S.IN_PROGRESS, statusReason: 'Mine' }, actor(ASSIGNEE, AuditRole.CONTRIBUTOR)),
    ).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    // Never straight back to review.
    expect(decide(approved, { status: S.IN_REVIEW, statusReason: 'Again' }, counsel)).toMatchObject({
      ok: false,
      reason: 'INVALID_TRANSITION',
    });
  });

  it('keeps an approved response approved when the same answer is sent again', () => {
    const decision = decide(
      state({ status: S.APPROVED, answer: 'Done' }),
      { answer: 'Done' },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toEqual({ ok: true, status: S.APPROVED, approval: 'keep' });
  });

  it('never lets the author of the answer approve it, even when named reviewer', () => {
    const decision = decide(
      state({ status: S.IN_REVIEW, answer: 'Done', answeredById: REVIEWER }),
      { status: S.APPROVED },
      actor(REVIEWER, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('refuses rewriting and approving in one step', () => {
    const decision = decide(
      state({ status: S.APPROVED, answer: 'Done', answeredById: ASSIGNEE }),
      { answer: 'Something else', status: S.APPROVED },
      actor('counsel', AuditRole.COUNSEL),
    );
    expect(decision).toMatchObject({ ok: false, reason: 'INVALID_TRANSITION' });
  });

  it('records a fresh approval after the answer was edited and reviewed again', () => {
    const decision = decide(
      state({ status: S.IN_REVIEW, answer: 'Amended', answeredById: ASSIGNEE }),
      { status: S.APPROVED },
      actor(REVIEWER, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toEqual({ ok: true, status: S.APPROVED, approval: 'set' });
  });

  it('lets a contributor send back unchanged assignment fields with an answer', () => {
    const decision = decide(
      state({ dueDate: '2023-06-01' }),
      { answer: 'Draft', assigneeId: ASSIGNEE, reviewerId: REVIEWER, dueDate: '2023-06-01' },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(decision).toMatchObject({ ok: true, status: S.IN_PROGRESS });
  });

  it('refuses moves that skip the workflow', () => {
    const decision = decide(state({ answer: 'x' }), { status: S.APPROVED }, actor('counsel', AuditRole.COUNSEL));
    expect(decision).toMatchObject({ ok: false, reason: 'INVALID_TRANSITION' });
  });

  it('leaves "not applicable" and reopening to counsel', () => {
    const contributor = decide(state(), { status: S.NOT_APPLICABLE }, actor(ASSIGNEE, AuditRole.CONTRIBUTOR));
    expect(contributor).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    const counsel = decide(state(), { status: S.NOT_APPLICABLE }, actor('counsel', AuditRole.COUNSEL));
    expect(counsel).toMatchObject({ ok: true, status: S.NOT_APPLICABLE });
    const reopen = decide(
      state({ status: S.NOT_APPLICABLE }),
      { status: S.NOT_STARTED },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(reopen).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('leaves assignment and due dates to counsel', () => {
    const decision = decide(state(), { dueDate: '2023-06-01' }, actor(ASSIGNEE, AuditRole.CONTRIBUTOR));
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    expect(decide(state(), { assigneeId: OWNER }, actor('counsel', AuditRole.COUNSEL)).ok).toBe(true);
  });

  it('lets the reviewer ask for changes, saying which, and the assignee resubmit', () => {
    const inReview = state({ status: S.IN_REVIEW, answer: 'x' });
    const reviewer = actor(REVIEWER, AuditRole.CONTRIBUTOR);
    expect(decide(inReview, { status: S.CHANGES_REQUESTED, statusReason: ' ' }, reviewer)).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
      message: 'Say what must change: the assignee sees the reason on the response.',
      field: 'statusReason',
    });
    const asked = decide(inReview, { status: S.CHANGES_REQUESTED, statusReason: 'Cite the licence' }, reviewer);
    expect(asked).toMatchObject({ ok: true, status: S.CHANGES_REQUESTED });
    const resubmitted = decide(
      state({ status: S.CHANGES_REQUESTED, answer: 'x' }),
      { answer: 'y', status: S.IN_REVIEW },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(resubmitted).toMatchObject({ ok: true, status: S.IN_REVIEW });
  });

  it('names the field at fault: status for a move that does not exist, answer for a missing one', () => {
    const skip = decide(state({ answer: 'x' }), { status: S.APPROVED }, actor('counsel', AuditRole.COUNSEL));
    expect(skip).toMatchObject({ ok: false, reason: 'INVALID_TRANSITION', field: 'status' });
    const empty = decide(
      state({ status: S.IN_PROGRESS }),
      { status: S.IN_REVIEW },
      actor(ASSIGNEE, AuditRole.CONTRIBUTOR),
    );
    expect(empty).toMatchObject({ ok: false, reason: 'ANSWER_REQUIRED', field: 'answer' });
  });
});

describe('decideResponseUpdate: who may be named assignee or reviewer', () => {
  const counsel = actor('counsel', AuditRole.COUNSEL);

  it('accepts members who can write, counsel included', () => {
    expect(decide(state(), { assigneeId: OWNER, reviewerId: 'counsel' }, counsel)).toMatchObject({ ok: true });
  });

  it('refuses a viewer or a non-member, naming the field', () => {
    expect(decide(state(), { assigneeId: 'viewer' }, counsel)).toEqual({
      ok: false,
      reason: 'NOT_A_WORKING_MEMBER',
      message: 'assigneeId must be a member who can write (a viewer cannot).',
      field: 'assigneeId',
    });
    expect(decide(state(), { reviewerId: 'stranger' }, counsel)).toEqual({
      ok: false,
      reason: 'NOT_A_WORKING_MEMBER',
      message: 'reviewerId must be a member of this audit whose account is active.',
      field: 'reviewerId',
    });
  });

  it('checks the people named even when unchanged, and only those: clearing names nobody', () => {
    const demoted: MemberRoles = new Map([...MEMBERS, [ASSIGNEE, AuditRole.VIEWER]]);
    const resent = decide(state(), { answer: 'x', assigneeId: ASSIGNEE }, actor(OWNER, AuditRole.CONTRIBUTOR), demoted);
    expect(resent).toMatchObject({ ok: false, reason: 'NOT_A_WORKING_MEMBER', field: 'assigneeId' });
    const cleared = decide(state(), { assigneeId: null, reviewerId: null }, counsel, new Map());
    expect(cleared).toMatchObject({ ok: true });
  });

  it('refuses the assignee as reviewer, naming the field that made them both', () => {
    const reviewerIsAssignee = { ok: false, reason: 'REVIEWER_IS_ASSIGNEE' };
    expect(decide(state(), { reviewerId: ASSIGNEE }, counsel)).toMatchObject({
      ...reviewerIsAssignee,
      field: 'reviewerId',
    });
    expect(decide(state(), { assigneeId: REVIEWER }, counsel)).toMatchObject({
      ...reviewerIsAssignee,
      field: 'assigneeId',
    });
    // Both at once: the reviewer is the one said to be wrong.
    expect(decide(state(), { assigneeId: OWNER, reviewerId: OWNER }, counsel)).toMatchObject({
      ...reviewerIsAssignee,
      field: 'reviewerId',
    });
    // Moving the reviewer to assignee while naming a new reviewer is fine.
    expect(decide(state(), { assigneeId: REVIEWER, reviewerId: OWNER }, counsel)).toMatchObject({ ok: true });
  });

  it('decides who may reassign before whom they name: a contributor is refused, not told about members', () => {
    const decision = decide(state(), { assigneeId: 'stranger' }, actor(ASSIGNEE, AuditRole.CONTRIBUTOR));
    expect(decision).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });
});

describe('responseState', () => {
  it('reads a stored row: the due day as YYYY-MM-DD, the subject owner beside it', () => {
    const row = {
      status: S.IN_PROGRESS,
      answer: 'Draft',
      assigneeId: ASSIGNEE,
      reviewerId: null,
      dueDate: new Date('2023-06-01T00:00:00.000Z'),
      answeredById: ASSIGNEE,
    };
    expect(responseState(row, OWNER)).toEqual({
      status: S.IN_PROGRESS,
      answer: 'Draft',
      assigneeId: ASSIGNEE,
      reviewerId: null,
      dueDate: '2023-06-01',
      answeredById: ASSIGNEE,
      subjectOwnerId: OWNER,
    });
  });

  it('takes a day already written out, and an unknown author as nobody', () => {
    const shown = { status: S.NOT_STARTED, answer: null, assigneeId: null, reviewerId: null, dueDate: '2023-06-01' };
    expect(responseState(shown, null)).toMatchObject({
      dueDate: '2023-06-01',
      answeredById: null,
      subjectOwnerId: null,
    });
  });
});

describe('allowedStatusMoves', () => {
  it('offers the assignee submission, and never approval of their own work', () => {
    const moves = allowedStatusMoves(
      state({ status: S.IN_PROGRESS, answer: 'Done' }),
      actor(ASSIGNEE, AuditRole.COUNSEL),
    );
    expect(moves).toEqual([S.NOT_STARTED, S.IN_REVIEW, S.NOT_APPLICABLE]);
  });

  it('offers the reviewer approval and changes, a viewer nothing', () => {
    const inReview = state({ status: S.IN_REVIEW, answer: 'Done' });
    expect(allowedStatusMoves(inReview, actor(REVIEWER, AuditRole.CONTRIBUTOR))).toEqual([
      S.CHANGES_REQUESTED,
      S.APPROVED,
    ]);
    expect(allowedStatusMoves(inReview, actor('viewer', AuditRole.VIEWER))).toEqual([]);
  });

  it('counts unsaved text in the editor: submission opens once there is an answer', () => {
    const empty = state({ status: S.NOT_STARTED, answer: '' });
    const assignee = actor(ASSIGNEE, AuditRole.CONTRIBUTOR);
    expect(allowedStatusMoves(empty, assignee)).not.toContain(S.IN_REVIEW);
    expect(allowedStatusMoves(empty, assignee, 'Done')).toContain(S.IN_REVIEW);
  });

  it('with a form, offers submission without free text, and not while its required entries are empty', () => {
    const empty = state({ status: S.IN_PROGRESS, answer: '' });
    const assignee = actor(ASSIGNEE, AuditRole.CONTRIBUTOR);
    const given = { changed: false, missing: [], missingBefore: [], answered: true };
    expect(allowedStatusMoves(empty, assignee, '', given)).toContain(S.IN_REVIEW);
    const missing = [{ field: 'formValues.volume', message: 'Answer "Volume": it is required.' }];
    expect(allowedStatusMoves(empty, assignee, '', { ...given, missing })).not.toContain(S.IN_REVIEW);
    // Nothing given and no notes: no answer to review.
    expect(allowedStatusMoves(empty, assignee, '', { ...given, answered: false })).not.toContain(S.IN_REVIEW);
    expect(allowedStatusMoves(empty, assignee, 'Notes', { ...given, answered: false })).toContain(S.IN_REVIEW);
  });

  it('offers only reopening on an approved answer, and only to counsel', () => {
    const approved = state({ status: S.APPROVED, answer: 'Done' });
    expect(allowedStatusMoves(approved, actor('counsel', AuditRole.COUNSEL))).toEqual([S.IN_PROGRESS]);
    expect(allowedStatusMoves(approved, actor(ASSIGNEE, AuditRole.CONTRIBUTOR))).toEqual([]);
  });
});

describe('backingLockedByApproval', () => {
  it('locks the evidence of an approved answer until it is reopened, saying how many are approved', () => {
    expect(backingLockedByApproval([{ status: S.IN_REVIEW }, { status: S.CHANGES_REQUESTED }])).toBeNull();
    expect(backingLockedByApproval([])).toBeNull();
    expect(backingLockedByApproval([{ status: S.APPROVED }])).toBe(
      'This answer is approved: counsel must reopen it, with a reason, before its evidence changes.',
    );
    expect(backingLockedByApproval([{ status: S.IN_PROGRESS }, { status: S.APPROVED }])).toBe(
      'An answer this evidence backs is approved: counsel must reopen it, with a reason, before its evidence changes.',
    );
    expect(backingLockedByApproval([{ status: S.APPROVED }, { status: S.APPROVED }])).toBe(
      '2 answers this evidence backs are approved: counsel must reopen them, with a reason, before their evidence changes.',
    );
  });
});

describe('canChangeBacking', () => {
  const mine = state();
  const theirs = state({ assigneeId: 'someone else', subjectOwnerId: null });
  it('lets a contributor change evidence backing only responses they may answer', () => {
    expect(canChangeBacking([mine], actor(ASSIGNEE, AuditRole.CONTRIBUTOR))).toBe(true);
    expect(canChangeBacking([state({ assigneeId: null })], actor(OWNER, AuditRole.CONTRIBUTOR))).toBe(true);
    expect(canChangeBacking([mine, theirs], actor(ASSIGNEE, AuditRole.CONTRIBUTOR))).toBe(false);
    // Reviewing a response is not answering it.
    expect(canChangeBacking([mine], actor(REVIEWER, AuditRole.CONTRIBUTOR))).toBe(false);
  });

  it('lets counsel change all, and any writer evidence that backs nothing', () => {
    expect(canChangeBacking([mine, theirs], actor('counsel', AuditRole.COUNSEL))).toBe(true);
    expect(canChangeBacking([], actor(REVIEWER, AuditRole.CONTRIBUTOR))).toBe(true);
  });
});
