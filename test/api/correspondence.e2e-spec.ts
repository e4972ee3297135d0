// The correspondence log with the other side: the demand letter as its first entry, entries
// with their requests and extension, search and filters, versions, who may write, files
// stored with their SHA-256, legal hold, and the CSV and XLSX exports read back.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DEFAULT_CONFIDENTIALITY_LEGEND } from '@app/report';
import { BlobStore } from '@app/storage';
import { createTestApp, type TestApp } from '../support/app';
import { sha256 } from '../support/bytes';
import {
  addMember,
  addRequest,
  type Agent,
  expectProblem,
  newAuditViaApi,
  newUser,
  tokenAgent,
  uid,
} from '../support/factories';
import { type FilePart, multipart } from '../support/multipart';
import { getPdf, pdfInfo, pdfPages, squash } from '../support/pdf';

const LETTER = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EMAIL = Buffer.from('Subject: Extension\n\nWe agree to 21 June 2023.\n');

interface Entry {
  id: string;
  subject: string;
  version: number;
  attachments: { id: string; title: string; file: { sha256: string; fileName: string }; downloadUrl: string }[];
}

describe('the correspondence log', () => {
  let t: TestApp;
  let lead: Agent;
  let contributor: Agent;
  let outsider: Agent;
  let auditId: string;
  let requestIds: string[];
  let extensionId: string;
  let letterEntry: Entry;
  let extensionEmail: Entry;
  const base = () => `/api/audits/${auditId}/correspondence`;

  const call = (overrides: Record<string, unknown> = {}) => ({
    occurredAt: '2023-05-25T14:30',
    timeZone: 'America/Los_Angeles',
    direction: 'SENT',
    channel: 'CALL',
    from: 'Dana Counsel',
    to: 'Alex Spiro',
    subject: 'Scope of request 2',
    summary: 'Discussed narrowing the period covered to 2022.',
    ...overrides,
  });
  const upload = (url: string, fields: [string, string][], file?: FilePart, as = lead) => {
    const form = multipart(fields, file);
    return as.post(url).set('Content-Type', form.contentType).send(form.body);
  };
  const list = async (query: Record<string, string> = {}, as = lead) => {
    const res = await as.get(base()).query(query);
    expect(res.status).toBe(200);
    return res.body as { total: number; page: number; pageSize: number; items: Entry[] };
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-06-01T15:00:00Z' });
    lead = await tokenAgent(t.http, await newUser(t.prisma, { name: 'Lena Lead' }));
    const contributorUser = await newUser(t.prisma, { name: 'Carl Contributor' });
    contributor = await tokenAgent(t.http, contributorUser);
    outsider = await tokenAgent(t.http, await newUser(t.prisma, { name: 'Olga Outsider' }));
    auditId = (
      await newAuditViaApi(lead, {
        letterDate: '2023-05-18',
        demandingParty: 'Twitter, Inc.',
        demandingCounselName: 'Alex Spiro',
        demandingCounselFirm: 'Quinn Emanuel Urquhart & Sullivan LLP',
        respondingParty: 'Microsoft Corporation',
      })
    ).id;
    await addMember(lead, auditId, contributorUser, 'CONTRIBUTOR');
    requestIds = [
      (await addRequest(lead, auditId, { title: 'Data held', text: 'Describe the data.' })).id,
      (await addRequest(lead, auditId, { title: 'Content', text: 'All content.' })).id,
    ];
    const extension = await lead
      .post(`/api/audits/${auditId}/extensions`)
      .send({ requestedOn: '2023-05-30', newDeadline: '2023-06-21T17:00' });
    expect(extension.status).toBe(201);
    extensionId = extension.body.id;
  }, 120_000);

  afterAll(() => t?.close());

  it('makes the demand letter the first entry when the letter is attached, and files later copies under it', async () => {
    expect((await list()).total).toBe(0);
    const res = await upload(
      `/api/audits/${auditId}/documents`,
      [
        ['kind', 'DEMAND_LETTER'],
        ['title', 'Demand letter'],
      ],
      { fileName: 'demand.pdf', content: LETTER, contentType: 'application/pdf' },
    );
    expect(res.status).toBe(201);
    const page = await list();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      occurredAt: '2023-05-18T16:00:00.000Z',
      occurredAtLocal: '2023-05-18T12:00:00.000-04:00',
      timeZone: 'America/New_York',
      direction: 'RECEIVED',
      channel: 'LETTER',
      from: 'Alex Spiro, Quinn Emanuel Urquhart & Sullivan LLP for Twitter, Inc.',
      to: 'Microsoft Corporation',
      subject: 'Demand letter of 18 May 2023',
      demandLetter: true,
      attachments: [{ id: res.body.id, title: 'Demand letter', file: { sha256: sha256(LETTER) } }],
    });
    letterEntry = page.items[0];

    const copy = await upload(
      `/api/audits/${auditId}/documents`,
      [
        ['kind', 'DEMAND_LETTER'],
        ['title', 'Demand letter (post)'],
      ],
      { fileName: 'demand-post.pdf', content: LETTER, contentType: 'application/pdf' },
    );
    expect(copy.status).toBe(201);
    const again = await list();
    expect(again.total).toBe(1);
    expect(again.items[0].attachments.map((a) => a.title)).toEqual(['Demand letter', 'Demand letter (post)']);
  });

  it('refuses bad input with 400 naming each field', async () => {
    const missing = await lead.post(base()).send({ ...call(), subject: ' ', from: undefined });
    expectProblem(missing, 400, 'VALIDATION_FAILED', ['from', 'subject']);
    const enums = await lead
      .post(base())
      .send(call({ direction: 'SIDEWAYS', channel: 'FAX', timeZone: 'Mars/Olympus' }));
    expectProblem(enums, 400, 'VALIDATION_FAILED', ['channel', 'direction', 'timeZone']);
    expect(enums.body.detail).toContain('direction must be RECEIVED or SENT');
    // 02:30 on 12 March 2023 does not exist in New York (clocks went from 02:00 to 03:00).
    const skipped = await lead
      .post(base())
      .send(call({ occurredAt: '2023-03-12T02:30', timeZone: 'America/New_York' }));
    expectProblem(skipped, 400, 'VALIDATION_FAILED', ['occurredAt']);
    const other = await newAuditViaApi(lead);
    const foreign = (await addRequest(lead, other.id, { title: 'x', text: 'x' })).id;
    const links = await lead
      .post(base())
      .send(call({ requestIds: [foreign], extensionId: '00000000-0000-4000-8000-000000000000' }));
    expectProblem(links, 400, 'VALIDATION_FAILED', ['extensionId', 'requestIds']);
    expect((await list()).total).toBe(1);
  });

  it('logs entries with their requests and extension, in the zone they were stated in', async () => {
    const created = await lead.post(base()).send(call({ requestIds: [requestIds[1]] }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      occurredAt: '2023-05-25T21:30:00.000Z',
      occurredAtLocal: '2023-05-25T14:30:00.000-07:00',
      timeZone: 'America/Los_Angeles',
      requests: [{ id: requestIds[1], ordinal: 2, title: 'Content' }],
      extension: null,
      demandLetter: false,
      version: 1,
      createdBy: { name: 'Lena Lead' },
    });
    const email = await lead.post(base()).send({
      occurredAt: '2023-05-31T09:15',
      timeZone: 'America/New_York',
      direction: 'RECEIVED',
      channel: 'EMAIL',
      from: 'Alex Spiro',
      to: 'Dana Counsel',
      subject: 'Re: extension of time',
      summary: 'Twitter agrees to extend the response deadline to 21 June 2023.',
      requestIds: [requestIds[0], requestIds[1]],
      extensionId,
    });
    expect(email.status).toBe(201);
    expect(email.body.extension).toEqual({
      id: extensionId,
      requestedOn: '2023-05-30',
      newDeadline: '2023-06-21T21:00:00.000Z',
      status: 'REQUESTED',
    });
    extensionEmail = email.body;
    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'correspondence', entityId: email.body.id },
    });
    expect(events.map((e) => e.action)).toEqual(['created']);
  });

  it('lists newest first, searches subject, summary, from and to, filters and pages', async () => {
    const all = await list();
    expect(all.items.map((e) => e.subject)).toEqual([
      'Re: extension of time',
      'Scope of request 2',
      'Demand letter of 18 May 2023',
    ]);
    expect((await list({ q: 'NARROWING' })).items.map((e) => e.subject)).toEqual(['Scope of request 2']);
    expect((await list({ q: 'spiro' })).total).toBe(3);
    expect((await list({ q: 'quinn emanuel' })).items.map((e) => e.subject)).toEqual(['Demand letter of 18 May 2023']);
    expect((await list({ direction: 'RECEIVED' })).total).toBe(2);
    expect((await list({ channel: 'CALL' })).items.map((e) => e.subject)).toEqual(['Scope of request 2']);
    expect((await list({ requestId: requestIds[0] })).items.map((e) => e.subject)).toEqual(['Re: extension of time']);
    const paged = await list({ pageSize: '2', page: '2' });
    expect({ total: paged.total, subjects: paged.items.map((e) => e.subject) }).toEqual({
      total: 3,
      subjects: ['Demand letter of 18 May 2023'],
    });
    expectProblem(await lead.get(base()).query({ channel: 'FAX' }), 400, 'VALIDATION_FAILED', ['channel']);
  });

  it('saves a change on top of the version it was based on, and refuses a stale one with 409', async () => {
    const body = {
      occurredAt: '2023-05-31T09:15',
      timeZone: 'America/New_York',
      direction: 'RECEIVED',
      channel: 'EMAIL',
      from: 'Alex Spiro',
      to: 'Dana Counsel',
      subject: 'Re: extension of time (granted)',
      requestIds: [],
      extensionId,
    };
    const saved = await lead.put(`${base()}/${extensionEmail.id}`).send({ ...body, version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, subject: 'Re: extension of time (granted)', requests: [] });
    const stale = await lead.put(`${base()}/${extensionEmail.id}`).send({ ...body, subject: 'Lost', version: 1 });
    expectProblem(stale, 409, 'VERSION_CONFLICT', ['version']);
    expect((await lead.get(`${base()}/${extensionEmail.id}`)).body.subject).toBe('Re: extension of time (granted)');
    expectProblem(await lead.put(`${base()}/${extensionEmail.id}`).send({ ...body }), 400, 'VALIDATION_FAILED', [
      'version',
    ]);
  });

  it('stores an attached file with the SHA-256 of its bytes and gives the same bytes to members', async () => {
    const res = await upload(`${base()}/${extensionEmail.id}/attachments`, [['title', 'Spiro email']], {
      fileName: 'extension.eml',
      content: EMAIL,
    });
    expect(res.status).toBe(201);
    const [attachment] = res.body.attachments as Entry['attachments'];
    expect(attachment).toMatchObject({
      title: 'Spiro email',
      file: { fileName: 'extension.eml', sha256: sha256(EMAIL), sizeBytes: EMAIL.length },
    });
    const got = await getPdf(contributor, attachment.downloadUrl);
    expect(got.status).toBe(200);
    expect(sha256(got.body as Buffer)).toBe(sha256(EMAIL));
    expect(got.headers['content-disposition']).toContain('filename="extension.eml"');
    const stored = await t.prisma.evidenceVersion.findFirstOrThrow({ where: { evidenceId: attachment.id } });
    expect(stored.storageKey).toBe(`sha256/${sha256(EMAIL)}`);
    // The file is one of the audit's documents too, as other correspondence.
    const documents = (await lead.get(`/api/audits/${auditId}/documents`)).body as { id: string; kind: string }[];
    expect(documents.find((d) => d.id === attachment.id)?.kind).toBe('OTHER');

    const noFile = await upload(`${base()}/${extensionEmail.id}/attachments`, [['title', 'x']]);
    expectProblem(noFile, 400, 'VALIDATION_FAILED', ['file']);
    expectProblem(
      await upload(`${base()}/${letterEntry.id}/attachments`, [], { fileName: 'x.txt', content: EMAIL }, contributor),
      403,
      'FORBIDDEN',
    );
  });

  it('lets members read, only counsel write, and answers non-members 404', async () => {
    expect((await list({}, contributor)).total).toBe(3);
    expectProblem(await contributor.post(base()).send(call()), 403, 'FORBIDDEN');
    expectProblem(
      await contributor.put(`${base()}/${letterEntry.id}`).send({ ...call(), version: 1 }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await contributor.delete(`${base()}/${letterEntry.id}`), 403, 'FORBIDDEN');
    expectProblem(await outsider.get(base()), 404, 'NOT_FOUND');
    expectProblem(await outsider.get(`${base()}/export.csv`), 404, 'NOT_FOUND');
  });

  it('exports the log oldest first as CSV with a BOM, and as XLSX with the same columns', async () => {
    const res = await getPdf(lead, `${base()}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="E2E-[0-9a-f]+-correspondence-2023-06-01\.csv"$/,
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.subarray(3).toString('utf8'));
    const header = [
      'Date and time',
      'Time zone',
      'Direction',
      'Channel',
      'From',
      'To',
      'Subject',
      'Summary',
      'Requests',
      'Extension',
      'Attachments (SHA-256)',
    ];
    expect(rows[0]).toEqual(header);
    expect(rows.slice(1).map((r) => r[6])).toEqual([
      'Demand letter of 18 May 2023',
      'Scope of request 2',
      'Re: extension of time (granted)',
    ]);
    expect(rows[2]).toEqual([
      '2023-05-25T14:30:00.000-07:00',
      'America/Los_Angeles',
      'Sent',
      'Call',
      'Dana Counsel',
      'Alex Spiro',
      'Scope of request 2',
      'Discussed narrowing the period covered to 2022.',
      'R2 Content',
      '',
      '',
    ]);
    expect(rows[3][9]).toBe('Asked 2023-05-30 (requested)');
    expect(rows[3][10]).toBe(`extension.eml (${sha256(EMAIL)})`);

    const filtered: string[][] = parse(
      ((await getPdf(lead, `${base()}/export.csv`, { channel: 'LETTER' })).body as Buffer).subarray(3).toString('utf8'),
    );
    expect(filtered.slice(1).map((r) => r[6])).toEqual(['Demand letter of 18 May 2023']);

    const xlsx = await getPdf(contributor, `${base()}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const sheet = book.getWorksheet('Correspondence')!;
    expect(sheet.rowCount).toBe(4);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
    expect(sheet.getRow(2).getCell(5).value).toBe(
      'Alex Spiro, Quinn Emanuel Urquhart & Sullivan LLP for Twitter, Inc.',
    );
    expect(sheet.getRow(4).getCell(7).value).toBe('Re: extension of time (granted)');
    expectProblem(await lead.get(`${base()}/export.docx`), 400, 'VALIDATION_FAILED', ['format']);
    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'correspondence', action: 'exported' },
    });
    expect(events).toHaveLength(3);
  });

  it('prints the log as a landscape PDF with the same rows, the legend on every page and whole hashes', async () => {
    const res = await getPdf(contributor, `${base()}/export.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="E2E-[0-9a-f]+-correspondence-2023-06-01\.pdf"$/,
    );
    const pdf = res.body as Buffer;
    const info = pdfInfo(pdf);
    expect(info.title).toMatch(/^Correspondence — E2E audit /);
    expect(info.landscapePages).toEqual(Array.from({ length: info.pages }, (_, i) => i + 1));
    const pages = pdfPages(pdf);
    for (const page of pages) expect(page).toContain(DEFAULT_CONFIDENTIALITY_LEGEND);
    const text = squash(pages.join('\n'));
    for (const expected of [
      '3 entries · as of 2023-06-01',
      'Demand letter of 18 May 2023',
      'Scope of request 2',
      'Discussed narrowing the period covered to 2022.',
      '2023-05-25T14:30:00.000-07:00',
      'Asked 2023-05-30 (requested)',
      `extension.eml (${sha256(EMAIL)})`,
    ])
      expect(text).toContain(squash(expected));
    // In the order of the CSV: oldest first.
    expect(text.indexOf(squash('Demand letter of 18 May 2023'))).toBeLessThan(
      text.indexOf(squash('Scope of request 2')),
    );
  });

  it('removes one attachment (counsel, on the version seen, not under legal hold) and its file once unreferenced', async () => {
    const store = t.app.get(BlobStore);
    const unique = Buffer.from(`Meeting notes ${uid()}\n`);
    const entry = (await lead.post(base()).send(call({ subject: 'Meeting on scope', channel: 'MEETING' })))
      .body as Entry;
    expect(
      (
        await upload(`${base()}/${entry.id}/attachments`, [['title', 'Notes']], {
          fileName: 'notes.txt',
          content: unique,
        })
      ).status,
    ).toBe(201);
    // The same bytes as the extension email's attachment: one stored file, two rows.
    const both = await upload(`${base()}/${entry.id}/attachments`, [['title', 'Email copy']], {
      fileName: 'copy.eml',
      content: EMAIL,
    });
    const [notes, copy] = ['Notes', 'Email copy'].map((title) =>
      (both.body as Entry).attachments.find((a) => a.title === title)!,
    );
    const remove = (attachmentId: string, version: number | string, as = lead) =>
      as.delete(`${base()}/${entry.id}/attachments/${attachmentId}`).query({ version });

    expectProblem(await remove(notes.id, 1, contributor), 403, 'FORBIDDEN');
    expectProblem(await remove(notes.id, 1, outsider), 404, 'NOT_FOUND');
    expectProblem(await remove(notes.id, 'latest'), 400, 'VALIDATION_FAILED', ['version']);
    // Another entry's attachment is not this entry's to remove.
    const elsewhere = (await lead.get(`${base()}/${extensionEmail.id}`)).body.attachments[0].id;
    expectProblem(await remove(elsewhere, 1), 404, 'NOT_FOUND');

    expect((await lead.put(`/api/audits/${auditId}/legal-hold`).send({ reason: 'Litigation notice' })).status).toBe(
      200,
    );
    const held = await remove(notes.id, 1);
    expectProblem(held, 409, 'CONFLICT');
    expect(held.body.detail).toContain('this attachment cannot be deleted');
    expect((await lead.delete(`/api/audits/${auditId}/legal-hold`).send({ reason: 'Released' })).status).toBe(200);

    const removed = await remove(notes.id, 1);
    expect(removed.status).toBe(200);
    expect(removed.body.version).toBe(2);
    expect((removed.body as Entry).attachments.map((a) => a.title)).toEqual(['Email copy']);
    expect(await store.stat(`sha256/${sha256(unique)}`)).toBeNull();
    expectProblem(await lead.get(notes.downloadUrl), 404, 'NOT_FOUND');

    const stale = await remove(copy.id, 1);
    expectProblem(stale, 409, 'VERSION_CONFLICT', ['version']);
    expect(stale.body.currentVersion).toBe(2);
    expect((await remove(copy.id, 2)).status).toBe(200);
    // The extension email's attachment still holds these bytes: the file stays.
    expect(await store.stat(`sha256/${sha256(EMAIL)}`)).not.toBeNull();

    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityId: entry.id, action: 'attachment_removed' },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => e.changes)).toEqual([
      expect.objectContaining({
        title: { before: 'Notes', after: null },
        sha256: { before: sha256(unique), after: null },
      }),
      expect.objectContaining({ title: { before: 'Email copy', after: null } }),
    ]);
    expect((await lead.delete(`${base()}/${entry.id}`)).status).toBe(204);
  });

  it('refuses deletion under legal hold (409), then deletes the entry with its files once lifted', async () => {
    const attachment = (await lead.get(`${base()}/${extensionEmail.id}`)).body.attachments[0];
    expect((await lead.put(`/api/audits/${auditId}/legal-hold`).send({ reason: 'Litigation notice' })).status).toBe(
      200,
    );
    const refused = await lead.delete(`${base()}/${extensionEmail.id}`);
    expectProblem(refused, 409, 'CONFLICT');
    expect(refused.body.detail).toContain('this correspondence cannot be deleted');
    expect((await lead.get(`${base()}/${extensionEmail.id}`)).status).toBe(200);

    expect((await lead.delete(`/api/audits/${auditId}/legal-hold`).send({ reason: 'Released' })).status).toBe(200);
    expect((await lead.delete(`${base()}/${extensionEmail.id}`)).status).toBe(204);
    expectProblem(await lead.get(`${base()}/${extensionEmail.id}`), 404, 'NOT_FOUND');
    expectProblem(await lead.get(attachment.downloadUrl), 404, 'NOT_FOUND');
    expectProblem(await lead.get(`/api/audits/${auditId}/documents/${attachment.id}`), 404, 'NOT_FOUND');
    expect((await list()).total).toBe(2);
    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'correspondence', entityId: extensionEmail.id },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual(['created', 'updated', 'uploaded', 'deleted']);
  });
});
