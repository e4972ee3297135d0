// Dispositions that differ by subject: counsel give one subject its own disposition and text of
// a request (versioned like the request's: a stale save is a 409 and changes nothing), clear it
// again, and the letter, read back from the PDF and the Word file, prints "As to <subject>: ..."
// after the request's response. A request every subject of which has its own disposition is
// disposed without one of its own.
import mammoth from 'mammoth';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
} from '../support/factories';
import { docxHeaderText } from '../support/docx';
import { getPdf, pdfPages, squash } from '../support/pdf';

interface SubjectDisposition {
  subjectId: string;
  subjectName: string;
  disposition: string | null;
  responseText: string | null;
  version: number;
}

describe('formal response: dispositions that differ by subject', () => {
  let t: TestApp;
  let lead: TestUser;
  let counsel: TestUser;
  let asLead: Agent;
  let asCounsel: Agent;
  let asContributor: Agent;
  let asViewer: Agent;
  let asOutsider: Agent;
  let base: string;
  let auditId: string;
  let licences: { id: string };
  let keys: { id: string };
  let reporting: { id: string };
  let search: { id: string };
  let foreignSubject: { id: string };

  const url = (requestId: string, subjectId: string) =>
    `${base}/response-draft/requests/${requestId}/subjects/${subjectId}`;
  const draftRequest = async (requestId: string) =>
    (await asViewer.get(`${base}/response-draft`)).body.requests.find(
      (r: { requestId: string }) => r.requestId === requestId,
    );
  const own = async (requestId: string, subjectId: string): Promise<SubjectDisposition> =>
    (await draftRequest(requestId)).subjectDispositions.find((s: SubjectDisposition) => s.subjectId === subjectId);

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-06-01T15:00:00Z' });
    lead = await newUser(t.prisma, { label: 'sd-lead' });
    counsel = await newUser(t.prisma, { label: 'sd-counsel' });
    const contributor = await newUser(t.prisma, { label: 'sd-contributor' });
    const viewer = await newUser(t.prisma, { label: 'sd-viewer' });
    asLead = await tokenAgent(t.http, lead);
    asCounsel = await tokenAgent(t.http, counsel);
    asContributor = await tokenAgent(t.http, contributor);
    asViewer = await tokenAgent(t.http, viewer);
    asOutsider = await tokenAgent(t.http, await newUser(t.prisma, { label: 'sd-outsider' }));
    const audit = await newAuditViaApi(asLead, { respondingParty: 'Licensee Inc', demandingParty: 'Licensor Corp' });
    auditId = audit.id;
    base = `/api/audits/${auditId}`;
    await addMember(asLead, auditId, counsel, 'COUNSEL');
    await addMember(asLead, auditId, contributor, 'CONTRIBUTOR');
    await addMember(asLead, auditId, viewer, 'VIEWER');
    reporting = await addSubject(asLead, auditId, { name: 'Reporting app' });
    search = await addSubject(asLead, auditId, { name: 'Search app' });
    licences = await addRequest(asLead, auditId, { title: 'Licences', text: 'Provide every licence record.' });
    keys = await addRequest(asLead, auditId, { title: 'Keys', text: 'List every API key issued since 2020.' });
    const other = await newAuditViaApi(asLead, { title: 'Another demand' });
    foreignSubject = await addSubject(asLead, other.id, { name: 'Elsewhere app' });
  });
  afterAll(() => t.close());

  it('lists every subject of a request with no disposition of its own, at version 0', async () => {
    const request = await draftRequest(licences.id);
    expect(request.subjectDispositions).toEqual([
      expect.objectContaining({ subjectId: reporting.id, subjectName: 'Reporting app', disposition: null, version: 0 }),
      expect.objectContaining({ subjectId: search.id, subjectName: 'Search app', disposition: null, version: 0 }),
    ]);
    expect(request).toMatchObject({ subjectLines: [], disposed: false });
  });

  it('refuses bad input naming the field, a subject the request does not ask about, and writes nothing', async () => {
    const target = url(licences.id, search.id);
    expectProblem(await asCounsel.put(target).send({ version: 0, disposition: 'MAYBE' }), 400, 'VALIDATION_FAILED', [
      'disposition',
    ]);
    expectProblem(await asCounsel.put(target).send({ disposition: 'OBJECT' }), 400, 'VALIDATION_FAILED', ['version']);
    expectProblem(
      await asCounsel.put(target).send({ version: 0, disposition: 'OBJECT', responseText: 42 }),
      400,
      'VALIDATION_FAILED',
      ['responseText'],
    );
    expectProblem(
      await asCounsel.put(target).send({ version: 0, responseText: 'Text without a disposition.' }),
      400,
      'VALIDATION_FAILED',
      ['disposition'],
    );
    expectProblem(
      await asCounsel.put(url(licences.id, 'not-a-uuid')).send({ version: 0, disposition: 'OBJECT' }),
      400,
      'VALIDATION_FAILED',
      ['subjectId'],
    );
    expectProblem(
      await asCounsel.put(url(licences.id, foreignSubject.id)).send({ version: 0, disposition: 'OBJECT' }),
      404,
      'NOT_FOUND',
    );
    expect(await t.prisma.subjectDisposition.count({ where: { auditId } })).toBe(0);
  });

  it('lets counsel and lead counsel set it, refuses contributors and viewers, and hides it from non-members', async () => {
    const target = url(licences.id, search.id);
    const body = { version: 0, disposition: 'NOT_APPLICABLE', responseText: 'The Search app never held a licence.' };
    expectProblem(await asContributor.put(target).send(body), 403, 'FORBIDDEN');
    expectProblem(await asViewer.put(target).send(body), 403, 'FORBIDDEN');
    expectProblem(await asOutsider.put(target).send(body), 404, 'NOT_FOUND');
    const saved = await asCounsel.put(target).send(body);
    expect(saved.status).toBe(200);
    // The request's disposition comes back, with the subject's own in it.
    expect(saved.body).toMatchObject({ requestId: licences.id, disposition: null, disposed: false });
    expect(saved.body.subjectDispositions[1]).toMatchObject({
      subjectName: 'Search app',
      disposition: 'NOT_APPLICABLE',
      responseText: 'The Search app never held a licence.',
      version: 1,
      updatedBy: { id: counsel.id },
    });
    expect(saved.body.subjectLines).toEqual(['As to Search app: Not applicable. The Search app never held a licence.']);
    const changed = await asLead.put(target).send({ version: 1, responseText: 'The Search app was never licensed.' });
    expect(changed.body.subjectDispositions[1]).toMatchObject({
      disposition: 'NOT_APPLICABLE',
      responseText: 'The Search app was never licensed.',
      version: 2,
      updatedBy: { id: lead.id },
    });
  });

  it('answers a stale save with 409 and the current version, overwriting nothing, and takes one of two first saves', async () => {
    const stale = await asCounsel.put(url(licences.id, search.id)).send({ version: 1, disposition: 'OBJECT' });
    expectProblem(stale, 409, 'VERSION_CONFLICT', ['version']);
    expect(stale.body.currentVersion).toBe(2);
    expect(await own(licences.id, search.id)).toMatchObject({ disposition: 'NOT_APPLICABLE', version: 2 });

    const first = await Promise.all([
      asLead.put(url(keys.id, reporting.id)).send({ version: 0, disposition: 'COMPLY' }),
      asCounsel.put(url(keys.id, reporting.id)).send({ version: 0, disposition: 'OBJECT' }),
    ]);
    expect(first.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await t.prisma.subjectDisposition.count({ where: { requestId: keys.id } })).toBe(1);
  });

  it('clears it (the request applies again), and a save based on the version before the clear is a 409', async () => {
    const cleared = await asCounsel.put(url(keys.id, reporting.id)).send({ version: 1, disposition: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.subjectDispositions[0]).toMatchObject({ disposition: null, responseText: null, version: 2 });
    expect(cleared.body.subjectLines).toEqual([]);
    const stale = await asLead.put(url(keys.id, reporting.id)).send({ version: 1, disposition: 'OBJECT' });
    expectProblem(stale, 409, 'VERSION_CONFLICT', ['version']);
    expect(stale.body.currentVersion).toBe(2);
  });

  it('records who set, changed and cleared which subject', async () => {
    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'disposition' },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.entityId, e.action, e.actorId])).toEqual([
      [licences.id, 'subject_set', counsel.id],
      [licences.id, 'subject_set', lead.id],
      [keys.id, 'subject_set', expect.any(String)],
      [keys.id, 'subject_cleared', counsel.id],
    ]);
    expect(events[0].changes).toEqual({
      subject: { before: null, after: 'Search app' },
      disposition: { before: null, after: 'NOT_APPLICABLE' },
      responseText: { before: null, after: 'The Search app never held a licence.' },
    });
    expect(events[3].changes).toMatchObject({ subject: { before: 'Reporting app', after: null } });
  });

  describe('the letter', () => {
    beforeAll(async () => {
      // Licences: the request's own disposition, and the Search app's differs.
      const licencesVersion = (await draftRequest(licences.id)).version;
      expect(
        (
          await asCounsel.put(`${base}/response-draft/requests/${licences.id}`).send({
            version: licencesVersion,
            disposition: 'COMPLY',
            responseText: 'The licence register is produced.',
          })
        ).status,
      ).toBe(200);
      // Keys: no disposition of its own; each subject has one.
      for (const [subject, disposition, responseText] of [
        [reporting, 'OBJECT', 'Keys of the Reporting app are confidential.'],
        [search, 'NO_RESPONSIVE_INFORMATION', null],
      ] as const) {
        const { version } = await own(keys.id, subject.id);
        expect(
          (await asCounsel.put(url(keys.id, subject.id)).send({ version, disposition, responseText })).status,
        ).toBe(200);
      }
    });

    const pieces = [
      'Request No. 1: Licences',
      'Will comply',
      'The licence register is produced.',
      'As to Search app: Not applicable. The Search app was never licensed.',
      'Request No. 2: Keys',
      'Differs by subject',
      'As to Reporting app: Objects. Keys of the Reporting app are confidential.',
      'As to Search app: No responsive information.',
      'Reservation of rights',
    ];
    const expectInOrder = (text: string) => {
      const flat = squash(text);
      let from = 0;
      for (const piece of pieces) {
        const at = flat.indexOf(squash(piece), from);
        expect({ piece, found: at >= 0 }).toEqual({ piece, found: true });
        from = at + squash(piece).length;
      }
    };

    it('counts a request every subject of which has its own disposition as disposed', async () => {
      const draft = (await asViewer.get(`${base}/response-draft`)).body;
      expect(draft.missingDispositions).toBe(0);
      expect(draft.requests[1]).toMatchObject({ disposition: null, disposed: true });
      const checklist = await asLead.get(`${base}/response-submissions/checklist`);
      expect(checklist.body).toMatchObject({ ready: true, missingDispositions: [] });
    });

    it('prints the PDF with a line per subject that differs, and no DRAFT', async () => {
      const res = await getPdf(asViewer, `${base}/response-letter.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/response-letter\.pdf"$/);
      const text = pdfPages(res.body as Buffer).join('\n');
      expectInOrder(text);
      expect(text).not.toContain('DRAFT');
      // Reporting app answers Licences as the request does: no line of its own.
      expect(squash(text)).not.toContain(squash('As to Reporting app: Will comply'));
    });

    it('prints the same lines in the Word letter', async () => {
      const res = await getPdf(asViewer, `${base}/response-letter.docx`);
      expect(res.status).toBe(200);
      const { value } = await mammoth.extractRawText({ buffer: res.body as Buffer });
      expectInOrder(value);
      // A draft says so in the header of every page.
      expect(await docxHeaderText(res.body as Buffer)).not.toContain('DRAFT');
    });

    it('is a draft again once a subject of a request without its own disposition is cleared', async () => {
      const { version } = await own(keys.id, search.id);
      expect((await asCounsel.put(url(keys.id, search.id)).send({ version, disposition: null })).status).toBe(200);
      const checklist = await asLead.get(`${base}/response-submissions/checklist`);
      expect(checklist.body).toMatchObject({
        ready: false,
        missingDispositions: [{ requestId: keys.id, ordinal: 2, title: 'Keys' }],
      });
      const docx = await getPdf(asViewer, `${base}/response-letter.docx`);
      const { value } = await mammoth.extractRawText({ buffer: docx.body as Buffer });
      expect(await docxHeaderText(docx.body as Buffer)).toContain('DRAFT');
      expect(value).toContain('Not yet decided');
    });
  });
});
