// The formal response as counsel drafts it: the objection library, a disposition per request
// (versioned: a stale save is a 409 and changes nothing), who may draft, and the response letter
// read back from the PDF (PDF.js) and the Word file (mammoth) exactly as the demanding party's
// counsel would read it.
import mammoth from 'mammoth';
import { composeObjection, generalObjections } from '@app/domain';
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
import { getPdf, pdfPages, squash } from '../support/pdf';
import { docxHeaderText } from '../support/docx';

interface LibraryObjection {
  id: string;
  code: string;
  title: string;
  wording: string;
  usedBy: number;
}

describe('formal response: dispositions, objections and the response letter', () => {
  let t: TestApp;
  let lead: TestUser;
  let counsel: TestUser;
  let contributor: TestUser;
  let asLead: Agent;
  let asCounsel: Agent;
  let asContributor: Agent;
  let asViewer: Agent;
  let auditId: string;
  let base: string;
  let provisionId: string;
  let otherProvisionId: string;
  let scopeRequest: { id: string; text: string };
  let periodRequest: { id: string; text: string };
  let library: LibraryObjection[];
  const byCode = (code: string) => library.find((o) => o.code === code)!;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-06-01T15:00:00Z' });
    lead = await newUser(t.prisma, { label: 'fr-lead' });
    counsel = await newUser(t.prisma, { label: 'fr-counsel' });
    contributor = await newUser(t.prisma, { label: 'fr-contributor' });
    const viewer = await newUser(t.prisma, { label: 'fr-viewer' });
    asLead = await tokenAgent(t.http, lead);
    asCounsel = await tokenAgent(t.http, counsel);
    asContributor = await tokenAgent(t.http, contributor);
    asViewer = await tokenAgent(t.http, viewer);
    const audit = await newAuditViaApi(asLead, {
      demandingParty: 'Licensor Corp',
      demandingCounselName: 'Dana Whitfield',
      demandingCounselFirm: 'Whitfield & Rowe LLP',
      respondingParty: 'Licensee Inc',
      respondingCounselName: 'Priya Raman',
      respondingCounselFirm: 'Raman Partners LLP',
      agreementTitle: 'Developer Agreement',
      auditClauseRef: 'VII',
      letterDate: '2023-05-18',
    });
    auditId = audit.id;
    base = `/api/audits/${auditId}`;
    await addMember(asLead, auditId, counsel, 'COUNSEL');
    await addMember(asLead, auditId, contributor, 'CONTRIBUTOR');
    await addMember(asLead, auditId, viewer, 'VIEWER');
    await addSubject(asLead, auditId, { name: 'Reporting app' });
    await addSubject(asLead, auditId, { name: 'Search app' });
    provisionId = (await asLead.post(`${base}/provisions`).send({ reference: 'II.D', title: 'Rate limits' })).body.id;
    const other = await newAuditViaApi(asLead, { title: 'Another demand' });
    otherProvisionId = (
      await asLead.post(`/api/audits/${other.id}/provisions`).send({ reference: 'IX', title: 'Elsewhere' })
    ).body.id;
    scopeRequest = await addRequest(asLead, auditId, {
      title: 'Content held',
      text: 'Describe all content obtained through the API that you hold now or held and destroyed.',
    });
    periodRequest = await addRequest(asLead, auditId, {
      title: 'API usage records',
      text: 'Provide every record showing how each app used the API since it was first registered.',
    });
    library = (await asViewer.get('/api/objections')).body;
  });
  afterAll(() => t.close());

  describe('the objection library', () => {
    it('starts with the usual objections, which every user may read', () => {
      expect(library.map((o) => o.code).sort()).toEqual([
        'CONFIDENTIAL',
        'NOT_IN_POSSESSION',
        'OUTSIDE_AUDIT_SCOPE',
        'OUTSIDE_PERIOD',
        'OVERBROAD',
        'PRIVILEGED',
        'UNDULY_BURDENSOME',
        'VAGUE',
      ]);
      expect(byCode('OVERBROAD')).toMatchObject({ title: 'Overbroad', wording: expect.stringMatching(/overbroad/) });
    });

    it('refuses bad input with a 4xx naming each field, and a code used twice', async () => {
      const bad = await asCounsel.post('/api/objections').send({ code: 'not a code', title: '', wording: 42 });
      expectProblem(bad, 400, 'VALIDATION_FAILED', ['code', 'title', 'wording']);
      const twice = await asCounsel
        .post('/api/objections')
        .send({ code: 'OVERBROAD', title: 'Too wide', wording: 'Too wide.' });
      expectProblem(twice, 409, 'DUPLICATE', ['code']);
      const unknown = await asCounsel.patch('/api/objections/not-a-uuid').send({ title: 'x' });
      expectProblem(unknown, 400, 'VALIDATION_FAILED', ['objectionId']);
      expect((await asViewer.get('/api/objections')).body).toHaveLength(8);
    });

    it('lets counsel add, edit and delete an entry, and no one else', async () => {
      const refused = await asContributor
        .post('/api/objections')
        .send({ code: 'CUMULATIVE', title: 'Cumulative', wording: 'The Request is cumulative.' });
      expectProblem(refused, 403, 'FORBIDDEN');
      const created = await asCounsel
        .post('/api/objections')
        .send({ code: 'CUMULATIVE', title: 'Cumulative', wording: 'The Request is cumulative of Request No. 1.' });
      expect(created.status).toBe(201);
      const edited = await asLead
        .patch(`/api/objections/${created.body.id}`)
        .send({ wording: 'The Request is cumulative and duplicative.' });
      expect(edited.body).toMatchObject({ code: 'CUMULATIVE', wording: 'The Request is cumulative and duplicative.' });
      expectProblem(await asContributor.delete(`/api/objections/${created.body.id}`), 403, 'FORBIDDEN');
      expect((await asCounsel.delete(`/api/objections/${created.body.id}`)).status).toBe(204);
      expect((await asViewer.get('/api/objections')).body.map((o: LibraryObjection) => o.code)).not.toContain(
        'CUMULATIVE',
      );
      const events = await t.prisma.activityEvent.findMany({
        where: { entityType: 'objection', entityId: created.body.id },
        orderBy: { id: 'asc' },
      });
      expect(events.map((e) => [e.action, e.actorId])).toEqual([
        ['created', counsel.id],
        ['updated', lead.id],
        ['deleted', counsel.id],
      ]);
    });
  });

  describe('dispositions', () => {
    it('starts every request with no disposition at version 0, beside its internal answers', async () => {
      const draft = await asViewer.get(`${base}/response-draft`);
      expect(draft.status).toBe(200);
      expect(draft.body.missingDispositions).toBe(2);
      expect(draft.body.requests[0]).toMatchObject({
        requestId: scopeRequest.id,
        text: scopeRequest.text,
        disposition: null,
        objections: [],
        reservation: null,
        version: 0,
      });
      expect(draft.body.requests[0].answers.map((a: { subjectName: string }) => a.subjectName)).toEqual([
        'Reporting app',
        'Search app',
      ]);
    });

    it('refuses bad input naming the field, and writes nothing', async () => {
      const url = `${base}/response-draft/requests/${scopeRequest.id}`;
      expectProblem(await asCounsel.put(url).send({ version: 0, disposition: 'MAYBE' }), 400, 'VALIDATION_FAILED', [
        'disposition',
      ]);
      expectProblem(await asCounsel.put(url).send({ disposition: 'COMPLY' }), 400, 'VALIDATION_FAILED', ['version']);
      expectProblem(
        await asCounsel.put(url).send({ version: 0, objections: [{ objectionId: 'x' }] }),
        400,
        'VALIDATION_FAILED',
        ['objections[0].objectionId'],
      );
      expectProblem(
        await asCounsel.put(url).send({
          version: 0,
          objections: [
            { objectionId: '00000000-0000-4000-8000-000000000000' },
            { objectionId: byCode('OVERBROAD').id, provisionId: otherProvisionId },
            { objectionId: byCode('OVERBROAD').id },
          ],
        }),
        400,
        'VALIDATION_FAILED',
        ['objections[0].objectionId', 'objections[1].provisionId', 'objections[2].objectionId'],
      );
      expect(await t.prisma.requestDisposition.count({ where: { auditId } })).toBe(0);
    });

    it('lets counsel and lead counsel draft, and refuses contributors and viewers', async () => {
      const url = `${base}/response-draft/requests/${scopeRequest.id}`;
      expectProblem(await asContributor.put(url).send({ version: 0, disposition: 'COMPLY' }), 403, 'FORBIDDEN');
      expectProblem(await asViewer.put(url).send({ version: 0, disposition: 'COMPLY' }), 403, 'FORBIDDEN');
      const saved = await asCounsel.put(url).send({
        version: 0,
        disposition: 'COMPLY_IN_PART',
        responseText: 'Licensee Inc will describe the content held by the Reporting app.',
        objections: [
          { objectionId: byCode('OVERBROAD').id, note: 'The Request reaches every app, not only those audited.' },
          { objectionId: byCode('OUTSIDE_AUDIT_SCOPE').id, provisionId },
        ],
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        disposition: 'COMPLY_IN_PART',
        version: 1,
        updatedBy: { id: counsel.id },
        reservation:
          'Subject to and without waiving the foregoing objections, Licensee Inc will provide the information described below, and no more.',
      });
      expect(saved.body.objections.map((o: { composed: string }) => o.composed)).toEqual([
        `${byCode('OVERBROAD').wording} The Request reaches every app, not only those audited.`,
        `${byCode('OUTSIDE_AUDIT_SCOPE').wording} See the Agreement, section II.D.`,
      ]);
      const byLead = await asLead.put(url).send({ version: 1, responseText: 'Licensee Inc will describe it.' });
      expect(byLead.body).toMatchObject({ version: 2, disposition: 'COMPLY_IN_PART' });
      expect(byLead.body.objections).toHaveLength(2);
    });

    it('records the objections raised by their titles and cited provisions, as the history shows them', async () => {
      const [first] = await t.prisma.activityEvent.findMany({
        where: { entityType: 'disposition', entityId: scopeRequest.id, action: 'updated' },
        orderBy: { id: 'asc' },
      });
      expect((first.changes as { objections: unknown }).objections).toEqual({
        before: [],
        after: [
          {
            objectionId: byCode('OVERBROAD').id,
            title: byCode('OVERBROAD').title,
            provisionId: null,
            provision: null,
            note: 'The Request reaches every app, not only those audited.',
          },
          {
            objectionId: byCode('OUTSIDE_AUDIT_SCOPE').id,
            title: byCode('OUTSIDE_AUDIT_SCOPE').title,
            provisionId,
            provision: 'II.D',
            note: null,
          },
        ],
      });
    });

    it('answers a save based on a stale version with 409 and the current version, overwriting nothing', async () => {
      const url = `${base}/response-draft/requests/${scopeRequest.id}`;
      const stale = await asLead.put(url).send({ version: 1, disposition: 'OBJECT', objections: [] });
      expectProblem(stale, 409, 'VERSION_CONFLICT', ['version']);
      expect(stale.body.currentVersion).toBe(2);
      const row = await t.prisma.requestDisposition.findUniqueOrThrow({
        where: { requestId: scopeRequest.id },
        include: { objections: true },
      });
      expect([row.disposition, row.version, row.objections.length]).toEqual(['COMPLY_IN_PART', 2, 2]);
      const firstOnce = await asLead
        .put(`${base}/response-draft/requests/${periodRequest.id}`)
        .send({ version: 0, disposition: 'COMPLY' });
      expect(firstOnce.status).toBe(200);
      const secondFirst = await asCounsel
        .put(`${base}/response-draft/requests/${periodRequest.id}`)
        .send({ version: 0, disposition: 'OBJECT' });
      expectProblem(secondFirst, 409, 'VERSION_CONFLICT', ['version']);
      expect(secondFirst.body.currentVersion).toBe(1);
    });

    it('takes one of two concurrent first saves of the same request', async () => {
      const fresh = await addRequest(asLead, auditId, { title: 'Government users', text: 'Name every agency.' });
      const url = `${base}/response-draft/requests/${fresh.id}`;
      const results = await Promise.all([
        asLead.put(url).send({ version: 0, disposition: 'NOT_APPLICABLE' }),
        asCounsel.put(url).send({ version: 0, disposition: 'NO_RESPONSIVE_INFORMATION' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await t.prisma.requestDisposition.count({ where: { requestId: fresh.id } })).toBe(1);
      expect(await t.prisma.activityEvent.count({ where: { entityType: 'disposition', entityId: fresh.id } })).toBe(1);
      // The rest of this file prints the letter of the first two requests only.
      expect((await asLead.delete(`${base}/requests/${fresh.id}`)).status).toBe(204);
    });

    it('records who changed what, each time', async () => {
      const events = await t.prisma.activityEvent.findMany({
        where: { auditId, entityType: 'disposition', entityId: scopeRequest.id },
        orderBy: { id: 'asc' },
      });
      expect(events.map((e) => [e.action, e.actorId])).toEqual([
        ['updated', counsel.id],
        ['updated', lead.id],
      ]);
      expect(events[0].changes).toMatchObject({ disposition: { before: null, after: 'COMPLY_IN_PART' } });
      expect(Object.keys(events[1].changes as object)).toEqual(['responseText']);
    });
  });

  describe('the response letter', () => {
    const signer = { signerName: 'Priya Raman', signerTitle: 'Partner' };

    beforeAll(async () => {
      const objected = await asCounsel.put(`${base}/response-draft/requests/${periodRequest.id}`).send({
        version: 1,
        disposition: 'OBJECT',
        responseText: 'Licensee Inc will meet and confer about a reasonable period.',
        objections: [{ objectionId: byCode('OUTSIDE_PERIOD').id, note: 'The Agreement covers 2021 onwards only.' }],
      });
      expect(objected.status).toBe(200);
    });

    it("saves the letter's own fields with the same version rule", async () => {
      const url = `${base}/response-draft/letter`;
      expectProblem(await asContributor.put(url).send({ version: 0, firmName: 'X' }), 403, 'FORBIDDEN');
      expectProblem(await asCounsel.put(url).send({ version: 0, firmName: 7 }), 400, 'VALIDATION_FAILED', ['firmName']);
      const saved = await asCounsel.put(url).send({
        version: 0,
        firmAddress: '1 Harbour Street\nSeattle, WA 98101',
        addresseeAddress: '51 Park Avenue\nNew York, NY 10010',
        ...signer,
      });
      expect(saved.body.letter).toMatchObject({ version: 1, defaultFirmName: 'Raman Partners LLP', ...signer });
      expect(saved.body.missingDispositions).toBe(0);
      expectProblem(await asLead.put(url).send({ version: 0, firmName: 'Other LLP' }), 409, 'VERSION_CONFLICT', [
        'version',
      ]);
    });

    /** What the letter must say, every piece of it, in reading order. */
    const expectedPieces = async (): Promise<string[]> => {
      const draft = (await asViewer.get(`${base}/response-draft`)).body;
      const [scope, period] = draft.requests;
      return [
        'Raman Partners LLP',
        '1 Harbour Street',
        '1 June 2023',
        'Dana Whitfield',
        'Whitfield & Rowe LLP',
        '51 Park Avenue',
        'Preliminary statement',
        draft.letter.defaultPreliminaryStatement,
        'General objections',
        ...generalObjections('Licensee Inc'),
        `Request No. 1: Content held`,
        scopeRequest.text,
        'Will comply in part',
        composeObjection({
          wording: byCode('OVERBROAD').wording,
          note: 'The Request reaches every app, not only those audited.',
        }),
        composeObjection({ wording: byCode('OUTSIDE_AUDIT_SCOPE').wording, provisionReference: 'II.D' }),
        scope.reservation,
        'Licensee Inc will describe it.',
        `Request No. 2: API usage records`,
        periodRequest.text,
        'Objects',
        composeObjection({
          wording: byCode('OUTSIDE_PERIOD').wording,
          note: 'The Agreement covers 2021 onwards only.',
        }),
        period.reservation,
        'Licensee Inc will meet and confer about a reasonable period.',
        'Reservation of rights',
        'Licensee Inc reserves all of its rights',
        'Respectfully submitted,',
        'Priya Raman',
        'Partner',
        'Raman Partners LLP',
        'Counsel for Licensee Inc',
      ];
    };

    /** Each piece appears, after the one before it (white space aside: the PDF breaks lines). */
    const expectInOrder = (text: string, pieces: string[]) => {
      const flat = squash(text);
      let from = 0;
      for (const piece of pieces) {
        const at = flat.indexOf(squash(piece), from);
        expect({ piece, found: at >= 0 }).toEqual({ piece, found: true });
        from = at + squash(piece).length;
      }
    };

    it('prints as a PDF: letterhead, addressee, statement, general objections, every request with its objections and response, reservation, signature', async () => {
      const res = await getPdf(asViewer, `${base}/response-letter.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/response-letter\.pdf"$/);
      const pages = pdfPages(res.body as Buffer);
      expectInOrder(pages.join('\n'), await expectedPieces());
      expect(pages.join('\n')).not.toContain('DRAFT');
      expect(pages.join('\n')).not.toContain('Internal answer');
    });

    it('prints the same letter as Word', async () => {
      const res = await getPdf(asViewer, `${base}/response-letter.docx`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      const { value } = await mammoth.extractRawText({ buffer: res.body as Buffer });
      expectInOrder(value, await expectedPieces());
      expect(value).not.toContain('DRAFT');
    });

    it('is a draft while a request has no disposition, and records each letter generated', async () => {
      const added = await addRequest(asLead, auditId, { title: 'Storage', text: 'Say how data was stored.' });
      const res = await getPdf(asViewer, `${base}/response-letter.pdf`);
      expect(res.headers['content-disposition']).toMatch(/response-letter-DRAFT\.pdf"$/);
      expect(squash(pdfPages(res.body as Buffer).join(''))).toContain('Notyetdecided');
      const docx = await getPdf(asViewer, `${base}/response-letter.docx`);
      // Marked in the header Word repeats on every page, as the PDF's watermark is.
      expect(await docxHeaderText(docx.body as Buffer)).toContain('DRAFT');
      expect((await asLead.delete(`${base}/requests/${added.id}`)).status).toBe(204);
      const generated = await t.prisma.activityEvent.findMany({
        where: { auditId, entityType: 'response_letter', action: 'generated' },
        orderBy: { id: 'asc' },
      });
      expect(generated.map((e) => (e.changes as { format: { after: string } }).format.after)).toEqual([
        'pdf',
        'docx',
        'pdf',
        'docx',
      ]);
    });

    it("prints counsel's own general objections instead of the standard ones, and the standard ones again once cleared", async () => {
      const url = `${base}/response-draft/letter`;
      const own = [
        'Licensee Inc objects to the Demand as untimely.',
        'It objects to the definitions of "App" and "Data".',
      ];
      const current = (await asCounsel.get(`${base}/response-draft`)).body.letter;
      expect(current.defaultGeneralObjections).toBe(generalObjections('Licensee Inc').join('\n\n'));
      const saved = await asCounsel
        .put(url)
        .send({ version: current.version, generalObjections: `  ${own[0]}\n\n\n${own[1]}\n` });
      expect(saved.status).toBe(200);
      expect(saved.body.letter.generalObjections).toBe(`${own[0]}\n\n\n${own[1]}`);

      const pdf = pdfPages((await getPdf(asViewer, `${base}/response-letter.pdf`)).body as Buffer).join('\n');
      const docx = (
        await mammoth.extractRawText({
          buffer: (await getPdf(asViewer, `${base}/response-letter.docx`)).body as Buffer,
        })
      ).value;
      for (const text of [pdf, docx]) {
        expectInOrder(text, ['General objections', `1. ${own[0]}`, `2. ${own[1]}`, 'Request No. 1: Content held']);
        expect(squash(text)).not.toContain(squash(generalObjections('Licensee Inc')[0]));
      }
      const event = await t.prisma.activityEvent.findFirst({
        where: { auditId, entityType: 'response_letter', action: 'updated' },
        orderBy: { id: 'desc' },
      });
      expect(event?.changes).toEqual({
        generalObjections: { before: null, after: `${own[0]}\n\n\n${own[1]}` },
      });

      const cleared = await asCounsel.put(url).send({ version: saved.body.letter.version, generalObjections: null });
      expect(cleared.body.letter.generalObjections).toBeNull();
      const again = pdfPages((await getPdf(asViewer, `${base}/response-letter.pdf`)).body as Buffer).join('\n');
      expectInOrder(again, ['General objections', ...generalObjections('Licensee Inc')]);
      expect(again).not.toContain(own[0]);
    });

    it('keeps an objection raised in a letter from being deleted from the library', async () => {
      const inUse = await asCounsel.delete(`/api/objections/${byCode('OUTSIDE_PERIOD').id}`);
      expectProblem(inUse, 409, 'CONFLICT');
      expect((await asViewer.get('/api/objections')).body).toHaveLength(8);
    });
  });
});
