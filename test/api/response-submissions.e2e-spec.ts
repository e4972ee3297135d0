// Submitting the formal response end to end: the checklist, who may submit, the package read
// back as the demanding party would (every manifest hash against its entry, the ZIP's hash
// against the recorded one, the letter's text), a supplement's diff per request, concurrent
// submits, and verification after the stored package was tampered with.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { DocumentRenderPool } from '@app/documents';
import { LocalBlobStore, writeZip } from '@app/storage';
import { createTestApp, type TestApp } from '../support/app';
import { binary, sha256 } from '../support/bytes';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  grid,
  newAuditViaApi,
  newUser,
  tokenAgent,
} from '../support/factories';
import { multipart } from '../support/multipart';
import { pdfInfo, pdfPages, pdfWithPages, squash } from '../support/pdf';
import { readZip } from '../support/zip';

interface ManifestFile {
  path: string;
  sizeBytes: number;
  sha256: string;
}

describe('response submissions', () => {
  let t: TestApp;
  let storageDir: string;
  let lead: Agent;
  let counsel: Agent;
  let outsider: Agent;
  let auditId: string;
  let referenceCode: string;
  let base: string;
  let requests: { id: string; text: string }[];
  let firstSha: string;
  const evidenceBytes = Buffer.from('app,licence\r\nAnalytics,L-1\r\n');

  const download = (version: number) =>
    lead.get(`${base}/response-submissions/${version}/package.zip`).buffer(true).parse(binary);

  const setDisposition = async (requestId: string, body: Record<string, unknown>) => {
    const current = (await lead.get(`${base}/response-draft`)).body.requests.find(
      (r: { requestId: string }) => r.requestId === requestId,
    );
    const res = await lead
      .put(`${base}/response-draft/requests/${requestId}`)
      .send({ version: current.version, ...body });
    expect(res.status).toBe(200);
  };

  const setSubjectDisposition = async (requestId: string, body: Record<string, unknown>) => {
    const [subject] = (await lead.get(`${base}/response-draft`)).body.requests.find(
      (r: { requestId: string }) => r.requestId === requestId,
    ).subjectDispositions;
    const res = await lead
      .put(`${base}/response-draft/requests/${requestId}/subjects/${subject.subjectId}`)
      .send({ version: subject.version, ...body });
    expect(res.status).toBe(200);
    return subject.subjectId as string;
  };

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-submissions-'));
    t = await createTestApp({ now: '2023-06-01T15:00:00Z', env: { STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir } });
    const leadUser = await newUser(t.prisma, { label: 'sub-lead', name: 'Lena Lead' });
    const counselUser = await newUser(t.prisma, { label: 'sub-counsel' });
    lead = await tokenAgent(t.http, leadUser);
    counsel = await tokenAgent(t.http, counselUser);
    outsider = await tokenAgent(t.http, await newUser(t.prisma, { label: 'sub-outsider' }));
    const audit = await newAuditViaApi(lead, { demandingCounselName: 'Dana Whitfield' });
    auditId = audit.id;
    referenceCode = audit.referenceCode;
    base = `/api/audits/${auditId}`;
    expect((await lead.patch(base).send({ status: 'OPEN' })).status).toBe(200);
    await addMember(lead, auditId, counselUser, 'COUNSEL');
    await addSubject(lead, auditId, { name: 'Analytics app' });
    requests = [
      await addRequest(lead, auditId, { title: 'Licences', text: 'Provide every licence record held for the app.' }),
      await addRequest(lead, auditId, { title: 'Keys', text: 'List every API key issued to the app since 2020.' }),
    ];
    const [approved] = (await grid(lead, auditId)).map((c) => c.id);
    const form = multipart(
      [
        ['title', 'Licence register'],
        ['responseIds', approved],
      ],
      { fileName: 'register.csv', content: evidenceBytes },
    );
    expect(
      (await lead.post(`${base}/evidence/files`).set('Content-Type', form.contentType).send(form.body)).status,
    ).toBe(201);
    // Approved once its evidence is in: an approval covers what backs the answer.
    await t.prisma.response.update({ where: { id: approved }, data: { status: 'APPROVED' } });
    await setDisposition(requests[0].id, { disposition: 'COMPLY', responseText: 'The register is produced.' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('lists what is missing and refuses to submit until every request has a disposition', async () => {
    const checklist = await lead.get(`${base}/response-submissions/checklist`);
    expect(checklist.status).toBe(200);
    expect(checklist.body).toMatchObject({
      ready: false,
      canSubmit: true,
      nextVersion: 1,
      evidenceCount: 1,
      missingDispositions: [{ requestId: requests[1].id, ordinal: 2, title: 'Keys' }],
      unapprovedAnswers: [],
    });
    const refused = await lead.post(`${base}/response-submissions`).send({});
    expectProblem(refused, 422, 'RULE_VIOLATION');
    expect(refused.body.detail).toContain('Request No. 2 (Keys)');
    expect((await lead.get(`${base}/response-submissions`)).body.items).toEqual([]);

    await setDisposition(requests[1].id, { disposition: 'OBJECT', responseText: 'No keys will be listed.' });
    expect((await lead.get(`${base}/response-submissions/checklist`)).body).toMatchObject({
      ready: true,
      missingDispositions: [],
    });
  });

  it('lets only lead counsel submit, and hides the audit from non-members', async () => {
    expectProblem(await counsel.post(`${base}/response-submissions`).send({}), 403, 'FORBIDDEN');
    expect((await counsel.get(`${base}/response-submissions/checklist`)).body.canSubmit).toBe(false);
    expectProblem(await outsider.post(`${base}/response-submissions`).send({}), 404, 'NOT_FOUND');
    expectProblem(await outsider.get(`${base}/response-submissions`), 404, 'NOT_FOUND');
    expect((await lead.get(base)).body.status).toBe('OPEN');
  });

  it('freezes version 1 as a package whose every hash checks, and moves the audit to SUBMITTED', async () => {
    const res = await lead.post(`${base}/response-submissions`).send({ note: 'First response' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      version: 1,
      submittedByName: 'Lena Lead',
      note: 'First response',
      changes: null,
      downloadUrl: `${base}/response-submissions/1/package.zip`,
    });
    firstSha = res.body.packageSha256;
    expect((await lead.get(base)).body).toMatchObject({ status: 'SUBMITTED', submittedAt: '2023-06-01' });

    const file = await download(1);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${referenceCode}-response-v1.zip"`);
    expect(file.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(firstSha, 'hex').toString('base64')}:`);
    const zipBytes = file.body as Buffer;
    expect(sha256(zipBytes)).toBe(firstSha);
    const row = await t.prisma.responseSubmission.findFirstOrThrow({ where: { auditId, version: 1 } });
    expect(row.packageSha256).toBe(sha256(zipBytes));

    const zip = await readZip(zipBytes);
    const manifest = JSON.parse(zip.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({
      auditReference: referenceCode,
      version: 1,
      submittedAt: '2023-06-01T15:00:00.000Z',
      submittedBy: { name: 'Lena Lead' },
    });
    const listed = (manifest.files as ManifestFile[]).map((f) => f.path);
    expect(listed).toEqual(['response-letter.pdf', 'audit-report.pdf', 'evidence/001-register.csv']);
    expect([...zip.keys()].sort()).toEqual([...listed, 'manifest.csv', 'manifest.json'].sort());
    for (const entry of manifest.files as ManifestFile[]) {
      expect([entry.path, sha256(zip.get(entry.path)!)]).toEqual([entry.path, entry.sha256]);
      expect([entry.path, zip.get(entry.path)!.length]).toEqual([entry.path, entry.sizeBytes]);
    }
    expect(zip.get('evidence/001-register.csv')).toEqual(evidenceBytes);
    const csv = zip.get('manifest.csv')!.toString('utf8');
    for (const entry of manifest.files as ManifestFile[]) expect(csv).toContain(entry.sha256);

    const letter = zip.get('response-letter.pdf')!;
    const text = squash(pdfPages(letter).join(' '));
    for (const r of requests) expect(text).toContain(squash(r.text));
    expect(pdfInfo(letter).pdfA).not.toBeNull();
    expect(pdfInfo(zip.get('audit-report.pdf')!).pdfA).not.toBeNull();

    // The report as served on the other side, under the officer's certificate: none of the
    // internal report's legend, staffing, due dates, status or activity, dated by the submission.
    const report = pdfPages(zip.get('audit-report.pdf')!, { noDiagonal: true });
    const audit = (await lead.get(base)).body as { title: string };
    for (const internal of [
      'ATTORNEY WORK PRODUCT',
      'PRIVILEGED',
      'Assignee',
      'Reviewer',
      'Audit status',
      'Status matrix',
      'Open and overdue items',
      'Appendix C',
      'Activity summary',
      'Not approved',
      audit.title,
      referenceCode,
    ])
      expect({ internal, found: report.join('\n').includes(internal) }).toEqual({ internal, found: false });
    const header = "Licensee Inc — Licensor Corp's audit demand under the Developer Agreement";
    report.forEach((page, i) => {
      expect(page).toContain(header);
      expect(page).toContain(`Page ${i + 1} of ${report.length} — Audit report submitted 1 June 2023`);
      // No page holds only its header and footer.
      const body = page
        .split('\n')
        .filter((line) => line.trim() && !line.includes(header) && !/^Page \d+ of \d+ — /.test(line));
      expect({ page: i + 1, lines: body.length > 0 }).toEqual({ page: i + 1, lines: true });
    });
    expect(squash(report[0])).toContain(squash('Submitted 1 June 2023'));
    expect(squash(report.join(''))).toContain(squash('Provide every licence record held for the app.'));
    expect(squash(report.join(''))).toContain(squash('Licence register'));
  });

  it('shows exactly the request whose disposition changed in the next version', async () => {
    await setDisposition(requests[1].id, { disposition: 'COMPLY_IN_PART' });
    const res = await lead.post(`${base}/response-submissions`);
    expect(res.status).toBe(201);
    const expected = [
      {
        requestId: requests[1].id,
        ordinal: 2,
        title: 'Keys',
        change: 'CHANGED',
        disposition: { before: 'OBJECT', after: 'COMPLY_IN_PART' },
        responseText: null,
        objectionsAdded: [],
        objectionsRemoved: [],
        subjectChanges: [],
      },
    ];
    expect(res.body).toMatchObject({ version: 2, changes: expected });
    const list = await lead.get(`${base}/response-submissions`);
    expect(list.body.items.map((i: { version: number }) => i.version)).toEqual([2, 1]);
    expect(list.body.items[0].changes).toEqual(expected);
    expect(list.body.items[1].changes).toBeNull();
    expect(list.body.items[1].packageSha256).toBe(firstSha);
    expect((await lead.get(base)).body.status).toBe('SUBMITTED');
  });

  it('gives concurrent submits distinct versions', async () => {
    const [a, b] = await Promise.all([
      lead.post(`${base}/response-submissions`).send({ note: 'A' }),
      lead.post(`${base}/response-submissions`).send({ note: 'B' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.version, b.body.version].sort()).toEqual([3, 4]);
    const versions = await t.prisma.responseSubmission.findMany({ where: { auditId }, select: { version: true } });
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);
  });

  it("shows a subject's own disposition given, then changed, in the next versions, under its request", async () => {
    const subjectId = await setSubjectDisposition(requests[0].id, {
      disposition: 'COMPLY_IN_PART',
      responseText: 'Only the current licence is produced for the Analytics app.',
    });
    const given = await lead.post(`${base}/response-submissions`).send({});
    expect(given.status).toBe(201);
    expect(given.body.changes).toEqual([
      {
        requestId: requests[0].id,
        ordinal: 1,
        title: 'Licences',
        change: 'CHANGED',
        disposition: null,
        responseText: null,
        objectionsAdded: [],
        objectionsRemoved: [],
        subjectChanges: [
          {
            subjectId,
            subjectName: 'Analytics app',
            disposition: { before: null, after: 'COMPLY_IN_PART' },
            responseText: { before: null, after: 'Only the current licence is produced for the Analytics app.' },
          },
        ],
      },
    ]);
    await setSubjectDisposition(requests[0].id, { disposition: 'NO_RESPONSIVE_INFORMATION' });
    const changed = await lead.post(`${base}/response-submissions`).send({});
    expect(changed.body.changes).toEqual([
      expect.objectContaining({
        requestId: requests[0].id,
        disposition: null,
        subjectChanges: [
          expect.objectContaining({
            subjectName: 'Analytics app',
            disposition: { before: 'COMPLY_IN_PART', after: 'NO_RESPONSIVE_INFORMATION' },
            responseText: null,
          }),
        ],
      }),
    ]);
    const letter = (await readZip((await download(changed.body.version)).body as Buffer)).get('response-letter.pdf')!;
    expect(squash(pdfPages(letter).join(''))).toContain(
      squash(
        'As to Analytics app: No responsive information. Only the current licence is produced for the Analytics app.',
      ),
    );
  });

  it('renders before taking the submission lock, and stores nothing when the response changed meanwhile', async () => {
    const storedFiles = () => readdirSync(storageDir, { recursive: true, encoding: 'utf8' }).sort();
    const before = { files: storedFiles(), rows: await t.prisma.responseSubmission.count({ where: { auditId } }) };
    const lockKey = `response-submission:${auditId}`;
    const lockFreeWhileRendering: boolean[] = [];
    const render = DocumentRenderPool.prototype.render;
    const spy = jest.spyOn(DocumentRenderPool.prototype, 'render').mockImplementation(async function (
      this: DocumentRenderPool,
      ...args: Parameters<DocumentRenderPool['render']>
    ) {
      // Another connection can take the lock: no submission transaction holds it while rendering.
      const [{ free }] = await t.prisma.$transaction(
        (tx) =>
          tx.$queryRaw<{ free: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${lockKey}, 0)) AS free`,
      );
      lockFreeWhileRendering.push(free);
      // Counsel changes a disposition while the letter is being rendered.
      if (lockFreeWhileRendering.length === 1)
        await setDisposition(requests[1].id, { disposition: 'OBJECT', responseText: 'Changed while rendering.' });
      return render.apply(this, args);
    });
    let stale;
    try {
      stale = await lead.post(`${base}/response-submissions`).send({ note: 'Prepared from a stale response' });
    } finally {
      spy.mockRestore();
    }
    expectProblem(stale, 409, 'CONFLICT');
    expect(stale.body.detail).toContain('The response changed while it was being prepared; submit again.');
    expect(stale.body.changed).toEqual(['letter']);
    expect(lockFreeWhileRendering).toEqual([true, true]);
    expect(await t.prisma.responseSubmission.count({ where: { auditId } })).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);

    const again = await lead.post(`${base}/response-submissions`).send({ note: 'Submitted again' });
    expect(again.status).toBe(201);
    expect(again.body.version).toBe(before.rows + 1);
    expect(again.body.changes).toEqual([
      expect.objectContaining({ requestId: requests[1].id, responseText: expect.anything() }),
    ]);
  });

  it("refuses the package when a subject's own disposition changed while it was being rendered", async () => {
    const rows = await t.prisma.responseSubmission.count({ where: { auditId } });
    const render = DocumentRenderPool.prototype.render;
    let renders = 0;
    const spy = jest.spyOn(DocumentRenderPool.prototype, 'render').mockImplementation(async function (
      this: DocumentRenderPool,
      ...args: Parameters<DocumentRenderPool['render']>
    ) {
      renders += 1;
      if (renders === 1) await setSubjectDisposition(requests[1].id, { disposition: 'NOT_APPLICABLE' });
      return render.apply(this, args);
    });
    let stale;
    try {
      stale = await lead.post(`${base}/response-submissions`).send({});
    } finally {
      spy.mockRestore();
    }
    expectProblem(stale, 409, 'CONFLICT');
    expect(stale.body.changed).toEqual(['letter']);
    expect(await t.prisma.responseSubmission.count({ where: { auditId } })).toBe(rows);
  });

  it("refuses the package when a form's values or the form itself changed while it was being rendered", async () => {
    // The approved answer to the first request gets a form: the final report prints its values.
    const approved = await t.prisma.response.findFirstOrThrow({ where: { auditId, status: 'APPROVED' } });
    const form = await t.prisma.requestForm.create({
      data: {
        requestId: approved.requestId,
        fields: [{ key: 'volume', label: 'Volume', required: true, type: 'NUMBER', unit: 'records' }],
      },
    });
    await t.prisma.response.update({ where: { id: approved.id }, data: { formValues: { volume: 1200 } } });
    const rows = await t.prisma.responseSubmission.count({ where: { auditId } });

    const submitWhile = async (change: () => Promise<unknown>) => {
      const render = DocumentRenderPool.prototype.render;
      let renders = 0;
      const spy = jest.spyOn(DocumentRenderPool.prototype, 'render').mockImplementation(async function (
        this: DocumentRenderPool,
        ...args: Parameters<DocumentRenderPool['render']>
      ) {
        renders += 1;
        if (renders === 1) await change();
        return render.apply(this, args);
      });
      try {
        return await lead.post(`${base}/response-submissions`).send({});
      } finally {
        spy.mockRestore();
      }
    };

    // A value changed behind the answer's version and timestamp (as a bulk fix or a restore
    // would): the fingerprint compares the values themselves.
    const valueChanged = await submitWhile(
      () => t.prisma.$executeRaw`UPDATE responses SET form_values = '{"volume": 1300}' WHERE id = ${approved.id}::uuid`,
    );
    expectProblem(valueChanged, 409, 'CONFLICT');
    expect(valueChanged.body.changed).toEqual(['forms']);
    expect(valueChanged.body.detail).toContain("the requests' forms and the values given in them");

    // The form revised (a label the report prints) while the package was rendered.
    const formChanged = await submitWhile(() =>
      t.prisma.requestForm.update({
        where: { id: form.id },
        data: {
          fields: [{ key: 'volume', label: 'Records held', required: true, type: 'NUMBER', unit: 'records' }],
          version: { increment: 1 },
        },
      }),
    );
    expectProblem(formChanged, 409, 'CONFLICT');
    expect(formChanged.body.changed).toEqual(['forms']);
    expect(await t.prisma.responseSubmission.count({ where: { auditId } })).toBe(rows);

    // Unchanged since: it goes through, and the package's report prints the value as it stands.
    const again = await lead.post(`${base}/response-submissions`).send({});
    expect(again.status).toBe(201);
    const report = (await readZip((await download(again.body.version)).body as Buffer)).get('audit-report.pdf')!;
    expect(squash(pdfPages(report).join(''))).toContain(squash('Records held 1,300 records'));
  });

  it('names in the served report only the evidence its package carries, at the version it carries', async () => {
    const other = await newAuditViaApi(lead);
    const at = `/api/audits/${other.id}`;
    expect((await lead.patch(at).send({ status: 'OPEN' })).status).toBe(200);
    await addSubject(lead, other.id, { name: 'Keys app' });
    const asked = [
      await addRequest(lead, other.id, { title: 'Licences', text: 'Provide every licence record.' }),
      await addRequest(lead, other.id, { title: 'Keys', text: 'List every key.' }),
    ];
    const [approved, open] = (await grid(lead, other.id)).map((c) => c.id);
    const upload = async (title: string, fileName: string, responseId: string) => {
      const form = multipart(
        [
          ['title', title],
          ['responseIds', responseId],
        ],
        { fileName, content: Buffer.from(`Contents of ${fileName}\n`) },
      );
      const res = await lead.post(`${at}/evidence/files`).set('Content-Type', form.contentType).send(form.body);
      expect(res.status).toBe(201);
      return res.body as { id: string; currentVersion: { id: string; sha256: string } };
    };
    const register = await upload('Licence register', 'licence-register.csv', approved);
    const memo = await upload("Counsel's memo on key exposure", 'key-exposure-memo.txt', approved);
    await upload('Draft key inventory', 'draft-key-inventory.csv', open);
    // A redacted PDF goes out in a production volume, its boxes burnt in; the package would carry it as stored.
    const rotation = multipart(
      [
        ['title', 'Key rotation log'],
        ['responseIds', approved],
      ],
      { fileName: 'key-rotation-log.pdf', content: await pdfWithPages(['Key 1 rotated on advice of counsel']) },
    );
    const redacted = await lead
      .post(`${at}/evidence/files`)
      .set('Content-Type', rotation.contentType)
      .send(rotation.body);
    expect(redacted.status).toBe(201);
    const box = { page: 1, x: 0.1, y: 0.1, width: 0.5, height: 0.1, reason: 'PRIVILEGE' as const };
    expect((await lead.post(`${at}/evidence/${redacted.body.id}/versions/1/redactions`).send(box)).status).toBe(201);
    const form = multipart([], { fileName: 'licence-register-annotated.csv', content: Buffer.from('annotated\n') });
    const second = await lead
      .post(`${at}/evidence/${register.id}/versions`)
      .set('Content-Type', form.contentType)
      .send(form.body);
    expect(second.status).toBe(201);
    // The answer's form names its backing evidence, and the letter cites it.
    await t.prisma.requestForm.create({
      data: {
        requestId: asked[0].id,
        fields: [{ key: 'backing', label: 'Backing', required: false, type: 'EVIDENCE' }],
      },
    });
    await t.prisma.response.update({
      where: { id: approved },
      data: { status: 'APPROVED', formValues: { backing: [register.id, memo.id] } },
    });
    // The memo is withheld whole, and the register's annotated version 2: version 1 is produced.
    for (const evidenceVersionId of [memo.currentVersion.id, second.body.id as string]) {
      const withheld = await lead.post(`${at}/privilege-log`).send({
        evidenceVersionId,
        documentDate: '2023-05-20',
        documentType: 'Memorandum',
        author: 'In-house counsel',
        recipientsTo: ['Engineering lead'],
        description: 'Legal advice regarding the licence terms',
        privilege: 'ATTORNEY_CLIENT',
        treatment: 'WITHHELD',
        requestIds: [asked[0].id],
      });
      expect(withheld.status).toBe(201);
    }
    for (const [i, request] of asked.entries()) {
      const current = (await lead.get(`${at}/response-draft`)).body.requests.find(
        (r: { requestId: string }) => r.requestId === request.id,
      );
      const set = await lead.put(`${at}/response-draft/requests/${request.id}`).send({
        version: current.version,
        ...(i === 0
          ? { disposition: 'COMPLY', responseText: 'The register is produced. Backing: {{backing}}.' }
          : { disposition: 'OBJECT', responseText: 'No keys will be listed.' }),
      });
      expect(set.status).toBe(200);
    }

    // The letter the firm downloads before submitting (which counsel may send by hand) names the
    // withheld memo by no title either, in the PDF and in Word; the register, whose first version
    // is produced, by its title.
    const preview = squash(
      pdfPages((await lead.get(`${at}/response-letter.pdf`).buffer(true).parse(binary)).body as Buffer).join('\n'),
    );
    const word = squash(
      (
        await mammoth.extractRawText({
          buffer: (await lead.get(`${at}/response-letter.docx`).buffer(true).parse(binary)).body as Buffer,
        })
      ).value,
    );
    for (const copy of [preview, word]) {
      expect(copy).toContain(squash('Backing: Licence register; (withheld as privileged).'));
      expect(copy).not.toContain(squash("Counsel's memo"));
    }

    const submitted = await lead.post(`${at}/response-submissions`).send({});
    expect(submitted.status).toBe(201);
    const zip = await readZip(
      (await lead.get(`${at}/response-submissions/1/package.zip`).buffer(true).parse(binary)).body as Buffer,
    );
    expect([...zip.keys()].filter((p) => p.startsWith('evidence/'))).toEqual(['evidence/001-licence-register.csv']);
    // The letter cites the form's evidence as the report lists it: the withheld memo by no title.
    const letter = squash(pdfPages(zip.get('response-letter.pdf')!).join('\n'));
    expect(letter).toContain(squash('Backing: Licence register; (not produced).'));
    expect(letter).not.toContain(squash("Counsel's memo"));
    const report = squash(pdfPages(zip.get('audit-report.pdf')!, { noDiagonal: true }).join('\n'));
    const printed = (text: string) => ({ text, printed: report.includes(squash(text)) });
    expect(
      [
        'Licence register',
        'licence-register.csv',
        register.currentVersion.sha256,
        "Counsel's memo on key exposure",
        'key-exposure-memo.txt',
        memo.currentVersion.sha256,
        'licence-register-annotated.csv',
        second.body.sha256 as string,
        'Draft key inventory',
        'draft-key-inventory.csv',
        'Key rotation log',
        'key-rotation-log.pdf',
      ].map(printed),
    ).toEqual([
      { text: 'Licence register', printed: true },
      { text: 'licence-register.csv', printed: true },
      { text: register.currentVersion.sha256, printed: true },
      { text: "Counsel's memo on key exposure", printed: false },
      { text: 'key-exposure-memo.txt', printed: false },
      { text: memo.currentVersion.sha256, printed: false },
      { text: 'licence-register-annotated.csv', printed: false },
      { text: second.body.sha256 as string, printed: false },
      { text: 'Draft key inventory', printed: false },
      { text: 'draft-key-inventory.csv', printed: false },
      { text: 'Key rotation log', printed: false },
      { text: 'key-rotation-log.pdf', printed: false },
    ]);

    // A box drawn on the register while the next version's report renders: the report would name
    // a file the package then leaves out. Nothing is stored.
    const render = DocumentRenderPool.prototype.render;
    let drawn: { id: string } | undefined;
    let renders = 0;
    const spy = jest.spyOn(DocumentRenderPool.prototype, 'render').mockImplementation(async function (
      this: DocumentRenderPool,
      ...args: Parameters<DocumentRenderPool['render']>
    ) {
      // The letter renders first, then the report.
      if ((renders += 1) === 2)
        drawn = await t.prisma.redaction.create({
          data: { evidenceVersionId: register.currentVersion.id, ...box },
          select: { id: true },
        });
      return render.apply(this, args);
    });
    let stale;
    try {
      stale = await lead.post(`${at}/response-submissions`).send({});
    } finally {
      spy.mockRestore();
      if (drawn) await t.prisma.redaction.delete({ where: { id: drawn.id } });
    }
    expectProblem(stale, 409, 'CONFLICT');
    expect(stale.body.changed).toEqual(['evidence']);
    expect(await t.prisma.responseSubmission.count({ where: { auditId: other.id } })).toBe(1);
  });

  it('verifies a package, and names the file after the stored ZIP was tampered with', async () => {
    const ok = await lead.get(`${base}/response-submissions/1/verification`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 1, result: 'MATCH', filesChecked: 6, differences: [] });

    const store = new LocalBlobStore(storageDir);
    const stored = store.pathOf(`sha256/${firstSha}`);
    const original = readFileSync(stored);
    const entries = [...(await readZip(original))].map(([entryPath, bytes]) => ({
      path: entryPath,
      bytes: entryPath === 'response-letter.pdf' ? Buffer.concat([bytes, Buffer.from('%altered')]) : bytes,
    }));
    const forged = path.join(storageDir, 'forged.zip');
    await writeZip(forged, new Date('2023-06-01T15:00:00Z'), entries);
    writeFileSync(stored, readFileSync(forged));

    const bad = await lead.get(`${base}/response-submissions/1/verification`);
    expect(bad.status).toBe(200);
    expect(bad.body.result).toBe('MISMATCH');
    expect(bad.body.differences.map((d: { path: string; result: string }) => [d.path, d.result])).toEqual([
      ['(package ZIP)', 'MISMATCH'],
      ['response-letter.pdf', 'MISMATCH'],
    ]);
    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'response_submission' },
      select: { action: true },
    });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['submitted', 'integrity_verified', 'integrity_failed']),
    );
    writeFileSync(stored, original);
  });
});
