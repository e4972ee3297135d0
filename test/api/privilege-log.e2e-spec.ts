// The privilege log: entries for withheld and redacted documents and categorical entries, the
// rule that a document cannot be both produced in full and withheld (either order), who may
// write, and the exports read back (CSV with csv-parse, XLSX with exceljs, PDF with PDF.js).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/app';
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
import { getPdf, pdfInfo, pdfPages, squash, pdfWithPages } from '../support/pdf';

const injection = '=HYPERLINK("http://evil.example","x")';

describe('the privilege log', () => {
  let t: TestApp;
  let lead: Agent;
  let auditId: string;
  let audit: { id: string; title: string; referenceCode: string };
  let requestIds: string[];
  const versions: Record<string, string> = {};
  const base = () => `/api/audits/${auditId}`;

  const withheldEmail = (overrides: Record<string, unknown> = {}) => ({
    evidenceVersionId: versions['advice.pdf'],
    documentDate: '2023-03-14',
    documentType: 'Email',
    author: 'Paula Counsel (in-house counsel)',
    recipientsTo: ['Sam Engineer'],
    recipientsCc: ['Lee Manager', ' '],
    description: 'Email providing legal advice regarding licence terms',
    privilege: 'ATTORNEY_CLIENT',
    treatment: 'WITHHELD',
    requestIds: [requestIds[0]],
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-06-01T15:00:00Z' });
    lead = await tokenAgent(t.http, await newUser(t.prisma, { name: 'Lena Lead' }));
    audit = await newAuditViaApi(lead);
    auditId = audit.id;
    await addSubject(lead, auditId, { name: 'Analytics app' });
    requestIds = [
      (await addRequest(lead, auditId, { title: 'Licences', text: 'Every licence record.' })).id,
      (await addRequest(lead, auditId, { title: 'Keys', text: 'Every key.' })).id,
    ];
    const [cell] = await grid(lead, auditId);
    for (const name of ['advice.pdf', 'register.pdf']) {
      const form = multipart(
        [
          ['title', name],
          ['responseIds', cell.id],
        ],
        { fileName: name, content: await pdfWithPages([`Contents of ${name}`]) },
      );
      const res = await lead.post(`${base()}/evidence/files`).set('Content-Type', form.contentType).send(form.body);
      expect(res.status).toBe(201);
      versions[name] = res.body.currentVersion.id;
    }
    // Approved once its evidence is in: an approval covers what backs the answer.
    await t.prisma.response.update({ where: { id: cell.id }, data: { status: 'APPROVED' } });
    expect((await lead.put(`${base()}/production-designations`).send({ labels: ['CONFIDENTIAL'] })).status).toBe(200);
  }, 120_000);

  afterAll(() => t?.close());

  it('logs a withheld document with the FRCP 26(b)(5)(A) fields', async () => {
    const res = await lead.post(`${base()}/privilege-log`).send(withheldEmail());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: 1,
      document: { evidenceVersionId: versions['advice.pdf'], fileName: 'advice.pdf', versionNumber: 1 },
      categorical: false,
      documentDate: '2023-03-14',
      documentType: 'Email',
      author: 'Paula Counsel (in-house counsel)',
      recipientsTo: ['Sam Engineer'],
      recipientsCc: ['Lee Manager'],
      privilege: 'ATTORNEY_CLIENT',
      treatment: 'WITHHELD',
      batesBegin: null,
      requests: [{ id: requestIds[0], ordinal: 1, title: 'Licences' }],
    });
    const events = await t.prisma.activityEvent.findMany({ where: { auditId, entityType: 'privilege_log_entry' } });
    expect(events.map((e) => e.action)).toEqual(['created']);
  });

  it('refuses incomplete or contradictory entries, naming the field', async () => {
    const post = (body: Record<string, unknown>) => lead.post(`${base()}/privilege-log`).send(body);
    expectProblem(await post(withheldEmail({ privilege: 'OTHER' })), 400, 'VALIDATION_FAILED', ['privilegeOther']);
    expectProblem(
      await post(withheldEmail({ evidenceVersionId: versions['register.pdf'], treatment: 'REDACTED' })),
      400,
      'VALIDATION_FAILED',
      ['batesBegin'],
    );
    expectProblem(await post(withheldEmail({ evidenceVersionId: null, categorical: true })), 400, 'VALIDATION_FAILED', [
      'documentCount',
    ]);
    expectProblem(
      await post(withheldEmail({ requestIds: ['00000000-0000-4000-8000-000000000000'] })),
      400,
      'VALIDATION_FAILED',
      ['requestIds'],
    );
    expectProblem(await post(withheldEmail({ privilege: 'SECRET' })), 400, 'VALIDATION_FAILED', ['privilege']);
    expect((await lead.get(`${base()}/privilege-log`)).body.items).toHaveLength(1);
  });

  it('never lets a document be both produced in full and withheld, in either order', async () => {
    const volume = await lead.post(`${base()}/productions`).send({
      name: 'VOL001',
      batesPrefix: 'ACME-',
      recipient: 'Other side',
      productionDate: '2023-06-01',
      deliveryMethod: 'Secure file transfer',
    });
    expect(volume.status).toBe(201);
    const addToVolume = (name: string) =>
      lead
        .post(`${base()}/productions/${volume.body.id}/documents`)
        .send({ evidenceVersionId: versions[name], designation: 'CONFIDENTIAL' });

    const refused = await addToVolume('advice.pdf');
    expectProblem(refused, 409, 'CONFLICT');
    expect(refused.body.detail).toBe(
      '"advice.pdf" is logged as withheld on the privilege log, so it cannot be produced. Change its log entry to redacted, or delete the entry, first.',
    );

    expect((await addToVolume('register.pdf')).status).toBe(201);
    const withheld = await lead
      .post(`${base()}/privilege-log`)
      .send(withheldEmail({ evidenceVersionId: versions['register.pdf'] }));
    expectProblem(withheld, 409, 'CONFLICT');
    expect(withheld.body.detail).toBe(
      '"register.pdf" is in production VOL001, so it cannot be logged as withheld. Remove it from the production, or log it as redacted.',
    );
    // Redacted documents appear in both.
    const redacted = await lead.post(`${base()}/privilege-log`).send(
      withheldEmail({
        evidenceVersionId: versions['register.pdf'],
        treatment: 'REDACTED',
        privilege: 'WORK_PRODUCT',
        batesBegin: 'ACME-000001',
        batesEnd: 'ACME-000001',
        description: injection,
      }),
    );
    expect(redacted.status).toBe(201);
    expect(redacted.body).toMatchObject({ number: 2, treatment: 'REDACTED', batesBegin: 'ACME-000001' });
    // And an entry cannot be turned into a withheld one while the document is in a volume.
    const turned = await lead
      .put(`${base()}/privilege-log/${redacted.body.id}`)
      .send(withheldEmail({ evidenceVersionId: versions['register.pdf'] }));
    expectProblem(turned, 409, 'CONFLICT');
  });

  it('takes categorical entries with a count and date range, edits and deletes entries', async () => {
    const categorical = await lead.post(`${base()}/privilege-log`).send({
      categorical: true,
      documentType: 'Emails',
      description: 'Emails between the company and outside counsel about the audit demand',
      privilege: 'COMMON_INTEREST',
      treatment: 'WITHHELD',
      documentCount: 42,
      dateFrom: '2023-04-01',
      dateTo: '2023-05-15',
      requestIds,
    });
    expect(categorical.status).toBe(201);
    expect(categorical.body).toMatchObject({ number: 3, categorical: true, document: null, documentCount: 42 });

    const extra = await lead
      .post(`${base()}/privilege-log`)
      .send(withheldEmail({ evidenceVersionId: null, description: 'A memo to be deleted', documentType: 'Memo' }));
    expect(extra.status).toBe(201);
    const edited = await lead
      .put(`${base()}/privilege-log/${extra.body.id}`)
      .send(withheldEmail({ evidenceVersionId: null, description: 'A memo, edited', documentType: 'Memorandum' }));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ documentType: 'Memorandum', description: 'A memo, edited' });
    expect((await lead.delete(`${base()}/privilege-log/${extra.body.id}`)).status).toBe(204);
    expectProblem(await lead.delete(`${base()}/privilege-log/${extra.body.id}`), 404, 'NOT_FOUND');
    const list = await lead.get(`${base()}/privilege-log`);
    expect(list.body.items.map((e: { number: number; documentType: string }) => [e.number, e.documentType])).toEqual([
      [1, 'Email'],
      [2, 'Email'],
      [3, 'Emails'],
    ]);
  });

  it('lets members read the log and only counsel and above write it', async () => {
    const contributor = await newUser(t.prisma, { name: 'Carl Contributor' });
    await addMember(lead, auditId, contributor, 'CONTRIBUTOR');
    const as = await tokenAgent(t.http, contributor);
    expect((await as.get(`${base()}/privilege-log`)).status).toBe(200);
    expectProblem(
      await as.post(`${base()}/privilege-log`).send(withheldEmail({ evidenceVersionId: null })),
      403,
      'FORBIDDEN',
    );
  });

  it('exports CSV with a BOM and neutralised formulas', async () => {
    const res = await getPdf(lead, `${base()}/privilege-log/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="E2E-[0-9a-f]+-privilege-log-2023-06-01\.csv"$/,
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual([
      'No.',
      'Date',
      'Document type',
      'Author',
      'Recipients (to)',
      'Recipients (cc)',
      'Description',
      'Privilege asserted',
      'Withheld or redacted',
      'Bates range',
      'Responds to',
      'Documents (categorical)',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        '1',
        '2023-03-14',
        'Email',
        'Paula Counsel (in-house counsel)',
        'Sam Engineer',
        'Lee Manager',
        'Email providing legal advice regarding licence terms',
        'Attorney-client privilege',
        'Withheld',
        '',
        'R1 Licences',
        '',
      ],
      expect.arrayContaining(['2', `'${injection}`, 'Attorney work product', 'Redacted', 'ACME-000001']),
      expect.arrayContaining(['3', '2023-04-01 to 2023-05-15', 'Common interest', 'R1 Licences; R2 Keys', '42']),
    ]);
  });

  it('exports XLSX with the same columns', async () => {
    const res = await getPdf(lead, `${base()}/privilege-log/export.xlsx`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('Privilege log')!;
    expect(sheet.rowCount).toBe(4);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet.getRow(2).getCell(col('Privilege asserted')).value).toBe('Attorney-client privilege');
    expect(sheet.getRow(3).getCell(col('Description')).value).toBe(`'${injection}`);
    expect(sheet.getRow(4).getCell(col('Documents (categorical)')).value).toBe(42);
  });

  it('exports a landscape PDF headed as served on the other side, with the legend of privileges and page numbers', async () => {
    const res = await getPdf(lead, `${base()}/privilege-log/export.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    const info = pdfInfo(pdf);
    expect(info.landscapePages).toEqual(Array.from({ length: info.pages }, (_, i) => i + 1));
    const text = squash(pdfPages(pdf).join('\n'));
    for (const expected of [
      'Email providing legal advice regarding licence terms',
      injection,
      'Emails between the company and outside counsel about the audit demand',
      'ACME-000001',
      'AC: Attorney-client privilege',
      'WP: Attorney work product',
      'CI: Common interest',
      `Page 1 of ${info.pages}`,
    ])
      expect(text).toContain(squash(expected));
    // Served on the other side: the responding party and the matter, never our work-product
    // legend, the audit's internal title or its reference code.
    const pages = pdfPages(pdf);
    for (const internal of ['ATTORNEY WORK PRODUCT', 'PRIVILEGED', audit.title, audit.referenceCode])
      expect(pages.join('\n')).not.toContain(internal);
    for (const page of pages)
      expect(page).toContain("Licensee Inc — Licensor Corp's audit demand under the Developer Agreement");
    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'privilege_log_entry', action: 'exported' },
    });
    expect(events).toHaveLength(3);
  });
});
