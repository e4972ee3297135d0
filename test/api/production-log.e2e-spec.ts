// The production log as counsel hand it over or file it: every volume (what it held, under
// which numbers, to whom, when, by whom, the ZIP's SHA-256) as CSV and XLSX, the XLSX with a
// second sheet of every produced document and both its hashes; and a volume's documents page
// by page. A volume is produced by the real worker first, so every value is the produced one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/app';
import { binary, type Body, sha256, sleep } from '../support/bytes';
import { createTestWorker } from '../support/worker';
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
import { getPdf, pdfWithPages } from '../support/pdf';
import { readZip } from '../support/zip';

const CONFIDENTIAL = 'CONFIDENTIAL';
const AEO = 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY';
const RECIPIENT = 'Ina Roth, Roth & Vale LLP (counsel for Twitter)';

describe('the production log', () => {
  let t: TestApp;
  let worker: INestApplication;
  let storageDir: string;
  let lead: Agent;
  let auditId: string;
  let referenceCode: string;
  const uploads: Record<string, { versionId: string; bytes: Buffer }> = {};
  /** The produced volume as the API reports it, and its ZIP's entries. */
  let produced: Body;
  let zip: Map<string, Buffer>;

  const base = () => `/api/audits/${auditId}`;

  async function upload(title: string, fileName: string, content: Buffer, responseId: string) {
    const form = multipart(
      [
        ['title', title],
        ['custodian', 'Dana Ops'],
        ['collectedOn', '2023-05-20'],
        ['responseIds', responseId],
      ],
      { fileName, content },
    );
    const res = await lead.post(`${base()}/evidence/files`).set('Content-Type', form.contentType).send(form.body);
    expect(res.status).toBe(201);
    uploads[fileName] = { versionId: res.body.currentVersion.id, bytes: content };
  }

  async function waitProduced(id: string): Promise<Body> {
    let body: Body = {};
    for (let i = 0; i < 1200; i++) {
      body = (await lead.get(`${base()}/productions/${id}`)).body;
      if (body.status === 'PRODUCED' || body.status === 'FAILED') return body;
      await sleep(100);
    }
    return body;
  }

  const newVolume = (name: string, productionDate: string) =>
    lead.post(`${base()}/productions`).send({
      name,
      batesPrefix: 'MSFT-TWTR-',
      startNumber: 1,
      padWidth: 6,
      recipient: RECIPIENT,
      productionDate,
      deliveryMethod: 'Secure file transfer',
    });

  const addDoc = (productionId: string, fileName: string, designation: string) =>
    lead
      .post(`${base()}/productions/${productionId}/documents`)
      .send({ evidenceVersionId: uploads[fileName].versionId, designation });

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-production-log-'));
    const env = { STORAGE_DRIVER: 'local' as const, STORAGE_DIR: storageDir };
    // 15:00 UTC is 11:00 in New York, the audit's deadline zone.
    t = await createTestApp({ now: '2023-06-01T15:00:00Z', env });
    worker = (await createTestWorker({ clock: t.clock, env })).app;
    const user = await newUser(t.prisma, { name: 'Lena Lead' });
    lead = await tokenAgent(t.http, user);
    const audit = await newAuditViaApi(lead, { deadlineTimeZone: 'America/New_York' });
    auditId = audit.id;
    referenceCode = audit.referenceCode;
    await addSubject(lead, auditId, { name: 'Analytics app' });
    await addRequest(lead, auditId, { title: 'Licences', text: 'Every licence record.' });
    const [approved] = (await grid(lead, auditId)).map((c) => c.id);
    await upload('Licence register', 'register.pdf', await pdfWithPages(['Register one', 'Register two']), approved);
    await upload('Key memo', 'memo.pdf', await pdfWithPages(['Key rotation memo']), approved);
    await upload('Key export', 'keys.csv', Buffer.from('app,keys\r\nAnalytics,2\r\n'), approved);
    // Approved once its evidence is in: an approval covers what backs the answer.
    await t.prisma.response.update({ where: { id: approved }, data: { status: 'APPROVED' } });
    expect((await lead.put(`${base()}/production-designations`).send({ labels: [CONFIDENTIAL, AEO] })).status).toBe(
      200,
    );

    const volume = (await newVolume('MSFT-TWTR-VOL001', '2023-06-01')).body as Body;
    expect((await addDoc(volume.id, 'register.pdf', CONFIDENTIAL)).status).toBe(201);
    expect((await addDoc(volume.id, 'memo.pdf', AEO)).status).toBe(201);
    expect((await addDoc(volume.id, 'keys.csv', CONFIDENTIAL)).status).toBe(201);
    expect((await lead.post(`${base()}/productions/${volume.id}/produce`)).status).toBe(202);
    produced = await waitProduced(volume.id);
    expect(produced.status).toBe('PRODUCED');
    zip = await readZip((await lead.get(produced.downloadUrl).buffer(true).parse(binary)).body as Buffer);

    // A second volume still in draft: the log lists it, with no numbers yet.
    const draft = (await newVolume('MSFT-TWTR-VOL002', '2023-06-15')).body as Body;
    expect((await addDoc(draft.id, 'memo.pdf', CONFIDENTIAL)).status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('exports the log as CSV: one row per volume, with what it held, to whom, when and its ZIP hash', async () => {
    const res = await getPdf(lead, `${base()}/productions/log.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${referenceCode}-production-log-2023-06-01.csv"`,
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows]: string[][] = parse(bytes.subarray(3).toString('utf8'));
    expect(header).toEqual([
      'Volume',
      'Status',
      'First Bates number',
      'Last Bates number',
      'Documents',
      'Pages',
      'Designations',
      'Recipient',
      'Delivery method',
      'Production date',
      'Produced at (America/New_York)',
      'Produced by',
      'ZIP size (bytes)',
      'ZIP SHA-256',
      'Last file check',
      'Checked at (America/New_York)',
      'Released to',
      'Complete downloads',
    ]);
    const zipSha = produced.zipSha256 as string;
    expect(zipSha).toMatch(/^[0-9a-f]{64}$/);
    expect(rows).toEqual([
      [
        'MSFT-TWTR-VOL001',
        'Produced',
        'MSFT-TWTR-000001',
        'MSFT-TWTR-000004',
        '3',
        '4',
        `${CONFIDENTIAL}; ${AEO}`,
        RECIPIENT,
        'Secure file transfer',
        '2023-06-01',
        '2023-06-01T11:00:00.000-04:00',
        'Lena Lead',
        String(produced.zipSizeBytes),
        zipSha,
        '',
        '',
        '',
        '0',
      ],
      [
        'MSFT-TWTR-VOL002',
        'Draft',
        '',
        '',
        '1',
        '',
        CONFIDENTIAL,
        RECIPIENT,
        'Secure file transfer',
        '2023-06-15',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '0',
      ],
    ]);
  });

  it('exports the log as XLSX, with a second sheet of every produced document and both its hashes', async () => {
    // Checking the files first: the log then says when and with what result.
    expect((await lead.post(`${base()}/productions/${produced.id}/verify`)).body.result).toBe('MATCH');
    const res = await getPdf(lead, `${base()}/productions/log.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${referenceCode}-production-log-2023-06-01.xlsx"`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Production log',
      'Produced documents',
      'Releases and downloads',
    ]);

    const log = book.getWorksheet('Production log')!;
    expect(log.rowCount).toBe(3);
    const logHeader = (log.getRow(1).values as unknown[]).slice(1);
    const logCell = (row: number, name: string) => log.getRow(row).getCell(logHeader.indexOf(name) + 1).value;
    expect(logCell(2, 'Volume')).toBe('MSFT-TWTR-VOL001');
    expect(logCell(2, 'First Bates number')).toBe('MSFT-TWTR-000001');
    expect(logCell(2, 'Last Bates number')).toBe('MSFT-TWTR-000004');
    expect(logCell(2, 'Documents')).toBe(3);
    expect(logCell(2, 'Pages')).toBe(4);
    expect(logCell(2, 'Recipient')).toBe(RECIPIENT);
    expect(logCell(2, 'Production date')).toEqual(new Date('2023-06-01T00:00:00Z'));
    // Excel has no zones: the cell holds New York's wall-clock time, as the header says.
    expect(logCell(2, 'Produced at (America/New_York)')).toEqual(new Date('2023-06-01T11:00:00Z'));
    expect(logCell(2, 'Produced by')).toBe('Lena Lead');
    expect(logCell(2, 'ZIP SHA-256')).toBe(produced.zipSha256);
    expect(logCell(2, 'Last file check')).toBe('MATCH');
    expect(logCell(3, 'Volume')).toBe('MSFT-TWTR-VOL002');
    expect(logCell(3, 'Status')).toBe('Draft');
    expect(logCell(3, 'First Bates number')).toBeNull();

    const docs = book.getWorksheet('Produced documents')!;
    const docHeader = (docs.getRow(1).values as unknown[]).slice(1);
    expect(docHeader).toEqual([
      'Volume',
      'Begin Bates',
      'End Bates',
      'Pages',
      'File name',
      'Evidence',
      'Version',
      'Designation',
      'SHA-256 (produced file)',
      'SHA-256 (original evidence version)',
    ]);
    const docRows = Array.from({ length: docs.rowCount - 1 }, (_, i) =>
      (docs.getRow(i + 2).values as unknown[]).slice(1),
    );
    // Only produced documents: the draft's memo is not in it. Each produced hash is that of
    // the file in the ZIP, each original hash that of the uploaded bytes.
    const inZip = (entry: string) => sha256(zip.get(entry)!);
    expect(docRows).toEqual([
      [
        'MSFT-TWTR-VOL001',
        'MSFT-TWTR-000001',
        'MSFT-TWTR-000002',
        2,
        'register.pdf',
        'Licence register',
        1,
        CONFIDENTIAL,
        inZip('IMAGES/MSFT-TWTR-000001.pdf'),
        sha256(uploads['register.pdf'].bytes),
      ],
      [
        'MSFT-TWTR-VOL001',
        'MSFT-TWTR-000003',
        'MSFT-TWTR-000003',
        1,
        'memo.pdf',
        'Key memo',
        1,
        AEO,
        inZip('IMAGES/MSFT-TWTR-000003.pdf'),
        sha256(uploads['memo.pdf'].bytes),
      ],
      [
        'MSFT-TWTR-VOL001',
        'MSFT-TWTR-000004',
        'MSFT-TWTR-000004',
        1,
        'keys.csv',
        'Key export',
        1,
        CONFIDENTIAL,
        inZip('NATIVES/MSFT-TWTR-000004.csv'),
        sha256(uploads['keys.csv'].bytes),
      ],
    ]);

    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'production', action: 'exported' },
    });
    expect(events.map((e) => (e.changes as Body).format.after).sort()).toEqual(['csv', 'xlsx']);
  });

  it('refuses a format it does not write', async () => {
    expectProblem(await lead.get(`${base()}/productions/log.pdf`), 400, 'VALIDATION_FAILED', ['format']);
  });

  it("pages through a volume's documents in Bates order", async () => {
    const first = await lead.get(`${base()}/productions/${produced.id}/documents`).query({ pageSize: 2 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    const second = await lead.get(`${base()}/productions/${produced.id}/documents`).query({ page: 2, pageSize: 2 });
    const items = [...first.body.items, ...second.body.items] as Body[];
    expect(items.map((d) => [d.fileName, d.begBates, d.endBates, d.designation])).toEqual([
      ['register.pdf', 'MSFT-TWTR-000001', 'MSFT-TWTR-000002', CONFIDENTIAL],
      ['memo.pdf', 'MSFT-TWTR-000003', 'MSFT-TWTR-000003', AEO],
      ['keys.csv', 'MSFT-TWTR-000004', 'MSFT-TWTR-000004', CONFIDENTIAL],
    ]);
    expect(items[2]).toMatchObject({
      originalSha256: sha256(uploads['keys.csv'].bytes),
      producedSha256: sha256(zip.get('NATIVES/MSFT-TWTR-000004.csv')!),
    });
  });

  it('is read by any member, and is not there at all for anyone else', async () => {
    const viewer = await newUser(t.prisma, { name: 'Vera Viewer' });
    await addMember(lead, auditId, viewer, 'VIEWER');
    const asViewer = await tokenAgent(t.http, viewer);
    expect((await getPdf(asViewer, `${base()}/productions/log.csv`)).status).toBe(200);
    expect((await asViewer.get(`${base()}/productions/${produced.id}/documents`)).status).toBe(200);

    const outsider = await tokenAgent(t.http, await newUser(t.prisma, { name: 'Otto Outsider' }));
    for (const url of [
      `${base()}/productions/log.csv`,
      `${base()}/productions/log.xlsx`,
      `${base()}/productions/${produced.id}/documents`,
    ])
      expectProblem(await outsider.get(url), 404, 'NOT_FOUND');
    expectProblem(
      await lead.get(`${base()}/productions/00000000-0000-4000-8000-000000000000/documents`),
      404,
      'NOT_FOUND',
    );
  });
});
