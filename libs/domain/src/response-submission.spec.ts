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
        subjectChanges: [],
      },
    ]);
  });

  it('names a subject whose own disposition was given, changed or cleared, and not one that stayed', () => {
    const own = (id: string, disposition: 'OBJECT' | 'NOT_APPLICABLE', responseText: string | null = null) => ({
      subjectId: id,
      subjectName: `App ${id}`,
      disposition,
      responseText,
    });
    const before = [
      request(1, { subjects: [own('a', 'OBJECT'), own('b', 'NOT_APPLICABLE', 'Retired.')] }),
      request(2, { subjects: [own('a', 'OBJECT')] }),
      // Submitted before subjects had dispositions of their own.
      request(3),
    ];
    const after = [
      request(1, { subjects: [own('a', 'NOT_APPLICABLE'), own('c', 'OBJECT', 'Licensed elsewhere.')] }),
      request(2, { subjects: [own('a', 'OBJECT')] }),
      request(3, { subjects: [] }),
    ];
    expect(diffSubmittedRequests(before, after)).toEqual([
      expect.objectContaining({
        requestId: 'r1',
        change: 'CHANGED',
        disposition: null,
        subjectChanges: [
          {
            subjectId: 'a',
            subjectName: 'App a',
            disposition: { before: 'OBJECT', after: 'NOT_APPLICABLE' },
            responseText: null,
          },
          {
            subjectId: 'c',
            subjectName: 'App c',
            disposition: { before: null, after: 'OBJECT' },
            responseText: { before: null, after: 'Licensed elsewhere.' },
          },
          {
            subjectId: 'b',
            subjectName: 'App b',
            disposition: { before: 'NOT_APPLICABLE', after: null },
            responseText: { before: 'Retired.', after: null },
          },
        ],
      }),
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
      { requestId: 'r1', ordinal: 1, title: 'One', disposition: null, answers: [], subjectDispositions: [] },
      { requestId: 'r2', ordinal: 2, title: 'Two', disposition: 'OBJECT', answers: [], subjectDispositions: [] },
    ]);
    expect(list.ready).toBe(false);
    expect(list.missingDispositions).toEqual([{ requestId: 'r1', ordinal: 1, title: 'One' }]);
  });

  it('counts a request without its own disposition as disposed when every subject has one of its own', () => {
    const own = (...dispositions: ('OBJECT' | null)[]) =>
      dispositions.map((disposition, i) => ({ subjectName: `App ${i}`, disposition }));
    const list = submissionChecklist([
      {
        requestId: 'r1',
        ordinal: 1,
        title: 'One',
        disposition: null,
        answers: [],
        subjectDispositions: own('OBJECT', 'OBJECT'),
      },
      {
        requestId: 'r2',
        ordinal: 2,
        title: 'Two',
        disposition: null,
        answers: [],
        subjectDispositions: own('OBJECT', null),
      },
      {
        requestId: 'r3',
        ordinal: 3,
        title: 'Three',
        disposition: 'COMPLY',
        answers: [],
        subjectDispositions: own(null, null),
      },
    ]);
    expect(list.missingDispositions.map((r) => r.requestId)).toEqual(['r2']);
    expect(list.ready).toBe(false);
  });

  it("judges each answer by its subject's own disposition where it has one", () => {
    const list = submissionChecklist([
      {
        requestId: 'r1',
        ordinal: 1,
        title: 'One',
        disposition: 'OBJECT',
        answers: answers('IN_REVIEW', 'IN_PROGRESS'),
        subjectDispositions: [
          { subjectName: 'App 0', disposition: 'COMPLY' },
          { subjectName: 'App 1', disposition: null },
        ],
      },
    ]);
    expect(list.unapprovedAnswers.map((a) => [a.subjectName, a.status])).toEqual([['App 0', 'IN_REVIEW']]);
  });

  it('warns of unapproved answers only where the response promises information', () => {
    const list = submissionChecklist([
      {
        requestId: 'r1',
        ordinal: 1,
        title: 'One',
        disposition: 'COMPLY',
        answers: answers('APPROVED', 'IN_REVIEW'),
        subjectDispositions: [],
      },
      {
        requestId: 'r2',
        ordinal: 2,
        title: 'Two',
        disposition: 'OBJECT',
        answers: answers('NOT_STARTED'),
        subjectDispositions: [],
      },
      {
        requestId: 'r3',
        ordinal: 3,
        title: 'Three',
        disposition: 'COMPLY_IN_PART',
        answers: answers('NOT_APPLICABLE', 'IN_PROGRESS'),
        subjectDispositions: [],
      },
    ]);
    expect(list.ready).toBe(true);
    expect(list.unapprovedAnswers.map((a) => [a.requestId, a.status])).toEqual([
      ['r1', 'IN_REVIEW'],
      ['r3', 'IN_PROGRESS'],
    ]);
  });
});
