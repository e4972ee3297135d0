import { diffSubmittedRequests, type SubmittedRequest, submissionChecklist } from './response-submission';

const request = (n: number, over: Partial<SubmittedRequest> = {}): SubmittedRequest => ({
  requestId: `r${n}`,
  ordinal: n,
  title: `Request ${n}`,
  disposition: 'COMPLY',
  responseText: `Answer ${n}.`,
  objections: [],
  ...over,
});

describe('diffSubmittedRequests', () => {
  it('is empty when nothing a request says has changed (blanks and line endings aside)', () => {
    const before = [request(1, { responseText: 'Line one.\r\nLine two.' }), request(2)];
    const after = [request(1, { responseText: '  Line one.\nLine two.\n' }), request(2)];
    expect(diffSubmittedRequests(before, after)).toEqual([]);
  });

  it('names only the request whose disposition changed, with before and after', () => {
    const before = [request(1), request(2), request(3)];
    const after = [request(1), request(2, { disposition: 'OBJECT' }), request(3)];
    expect(diffSubmittedRequests(before, after)).toEqual([
      {
        requestId: 'r2',
        ordinal: 2,
        title: 'Request 2',
        change: 'CHANGED',
        disposition: { before: 'COMPLY', after: 'OBJECT' },
        responseText: null,
        objectionsAdded: [],
        objectionsRemoved: [],
      },
    ]);
  });

  it('lists objections raised and withdrawn, and a changed outward text', () => {
    const before = [request(1, { objections: ['Overbroad.', 'Vague.'] })];
    const after = [request(1, { objections: ['Vague.', 'Privileged.'], responseText: 'New answer.' })];
    expect(diffSubmittedRequests(before, after)).toEqual([
      expect.objectContaining({
        change: 'CHANGED',
        disposition: null,
        responseText: { before: 'Answer 1.', after: 'New answer.' },
        objectionsAdded: ['Privileged.'],
        objectionsRemoved: ['Overbroad.'],
      }),
    ]);
  });

  it('marks requests added since and removed since, removed ones last', () => {
    const diff = diffSubmittedRequests([request(1), request(2)], [request(2), request(3)]);
    expect(diff.map((c) => [c.requestId, c.change])).toEqual([
      ['r3', 'ADDED'],
      ['r1', 'REMOVED'],
    ]);
    expect(diff[1].disposition).toEqual({ before: 'COMPLY', after: null });
  });
});

describe('submissionChecklist', () => {
  const answers = (...statuses: string[]) =>
    statuses.map((status, i) => ({ responseId: `x${i}`, subjectName: `App ${i}`, status }) as never);

  it('blocks on requests without a disposition', () => {
    const list = submissionChecklist([
      { requestId: 'r1', ordinal: 1, title: 'One', disposition: null, answers: [] },
      { requestId: 'r2', ordinal: 2, title: 'Two', disposition: 'OBJECT', answers: [] },
    ]);
    expect(list.ready).toBe(false);
    expect(list.missingDispositions).toEqual([{ requestId: 'r1', ordinal: 1, title: 'One' }]);
  });

  it('warns of unapproved answers only where the response promises information', () => {
    const list = submissionChecklist([
      { requestId: 'r1', ordinal: 1, title: 'One', disposition: 'COMPLY', answers: answers('APPROVED', 'IN_REVIEW') },
      { requestId: 'r2', ordinal: 2, title: 'Two', disposition: 'OBJECT', answers: answers('NOT_STARTED') },
      {
        requestId: 'r3',
        ordinal: 3,
        title: 'Three',
        disposition: 'COMPLY_IN_PART',
        answers: answers('NOT_APPLICABLE', 'IN_PROGRESS'),
      },
    ]);
    expect(list.ready).toBe(true);
    expect(list.unapprovedAnswers.map((a) => [a.requestId, a.status])).toEqual([
      ['r1', 'IN_REVIEW'],
      ['r3', 'IN_PROGRESS'],
    ]);
  });
});
