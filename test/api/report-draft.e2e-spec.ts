// The DRAFT decision itself, through the real report generation (the streamed route and the
// worker's queued render): a report that prints unapproved answers (includeUnapproved=true)
// is a draft only when it actually prints one. An audit whose every answer is approved or not
// applicable comes out final even with includeUnapproved=true; one unapproved answer makes it
// a draft. Checked on what a user sees besides the drawing: the `draft` flag of the queued
// report, the download's file name, and the PDF's own metadata.
import type { INestApplication } from '@nestjs/common';
import { PDFDocument } from 'pdf-lib';
import { createTestApp, type TestApp } from '../support/app';
import { binary } from '../support/bytes';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  grid,
  newAuditViaApi,
  newUser,
  type Res,
  tokenAgent,
} from '../support/factories';
import { eventually } from '../support/eventually';
import { createTestWorker } from '../support/worker';

const NOW = '2023-05-26T14:00:00.000Z';
const DAY = '2023-05-26';

describe('report DRAFT decision', () => {
  let t: TestApp;
  let worker: INestApplication;
  let asLead: Agent;
  let asContributor: Agent;
  let contributorId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    worker = (await createTestWorker({ clock: t.clock })).app;
    const lead = await newUser(t.prisma, { label: 'draft-lead' });
    const contributor = await newUser(t.prisma, { label: 'draft-contrib' });
    contributorId = contributor.id;
    asLead = await tokenAgent(t.http, lead);
    asContributor = await tokenAgent(t.http, contributor);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  /**
   * One subject, two requests: the first answered by the contributor (its assignee) and
   * submitted for review, the second declared not applicable by lead counsel. Returns the
   * audit and the answered cell, still IN_REVIEW.
   */
  async function auditInReview(): Promise<{ id: string; referenceCode: string; answeredCellId: string }> {
    const audit = await newAuditViaApi(asLead);
    await addMember(asLead, audit.id, { id: contributorId }, 'CONTRIBUTOR');
    await addSubject(asLead, audit.id, { name: 'Analytics app' });
    const answered = await addRequest(asLead, audit.id, { title: 'Keys' });
    const inapplicable = await addRequest(asLead, audit.id, { title: 'Payments' });
    const cells = await grid(asLead, audit.id);
    const answeredCell = cells.find((c) => c.request.id === answered.id)!;
    const naCell = cells.find((c) => c.request.id === inapplicable.id)!;

    const assigned = await asLead
      .patch(`/api/audits/${audit.id}/responses/${answeredCell.id}`)
      .send({ version: answeredCell.version, assigneeId: contributorId });
    expect(assigned.status).toBe(200);
    const submitted = await asContributor
      .patch(`/api/audits/${audit.id}/responses/${answeredCell.id}`)
      .send({ version: assigned.body.version, answer: 'Two keys, both revoked in April.', status: 'IN_REVIEW' });
    expect([submitted.status, submitted.body.status]).toEqual([200, 'IN_REVIEW']);
    const na = await asLead
      .patch(`/api/audits/${audit.id}/responses/${naCell.id}`)
      .send({ version: naCell.version, status: 'NOT_APPLICABLE' });
    expect([na.status, na.body.status]).toEqual([200, 'NOT_APPLICABLE']);
    return { id: audit.id, referenceCode: audit.referenceCode, answeredCellId: answeredCell.id };
  }

  async function approve(auditId: string, cellId: string): Promise<void> {
    const current = await asLead.get(`/api/audits/${auditId}/responses/${cellId}`);
    const approved = await asLead
      .patch(`/api/audits/${auditId}/responses/${cellId}`)
      .send({ version: current.body.version, status: 'APPROVED' });
    expect([approved.status, approved.body.status]).toEqual([200, 'APPROVED']);
  }

  const streamed = (auditId: string): Promise<Res> =>
    asLead.get(`/api/audits/${auditId}/report.pdf`).query({ includeUnapproved: 'true' }).buffer(true).parse(binary);

  /** Queues a report with includeUnapproved=true, lets the worker render it, returns it and its file. */
  async function queued(auditId: string): Promise<{ report: { draft: boolean | null }; file: Res }> {
    const res = await asLead.post(`/api/audits/${auditId}/reports`).send({ includeUnapproved: true });
    expect(res.status).toBe(201);
    // Undecided until rendered: the render decides, not the request.
    expect(res.body.draft).toBeNull();
    const report = await eventually(
      async (): Promise<{ status: string; draft: boolean | null; downloadUrl: string }> =>
        (await asLead.get(`/api/audits/${auditId}/reports/${res.body.id}`)).body,
      (r) => ['DONE', 'FAILED'].includes(r.status),
    );
    expect(report).toMatchObject({ status: 'DONE', error: null });
    const stored = await t.prisma.report.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(stored.draft).toBe(report.draft);
    const file = await asLead.get(report.downloadUrl).buffer(true).parse(binary);
    expect(file.status).toBe(200);
    return { report, file };
  }

  const pdfSubject = async (res: Res) =>
    (await PDFDocument.load(res.body as Buffer, { updateMetadata: false })).getSubject();
  const fileName = (res: Res) => /filename="([^"]+)"/.exec(res.headers['content-disposition'])?.[1];

  it('an audit whose answers are all approved or not applicable is final, with includeUnapproved=true', async () => {
    const audit = await auditInReview();
    await approve(audit.id, audit.answeredCellId);

    const stream = await streamed(audit.id);
    expect(stream.status).toBe(200);
    expect(fileName(stream)).toBe(`${audit.referenceCode}-report-${DAY}.pdf`);
    expect(await pdfSubject(stream)).toBe('Audit report');

    const { report, file } = await queued(audit.id);
    expect(report.draft).toBe(false);
    expect(fileName(file)).toBe(`${audit.referenceCode}-report-${DAY}.pdf`);
    expect(await pdfSubject(file)).toBe('Audit report');
    const listed = await asLead.get(`/api/audits/${audit.id}/reports`);
    expect(listed.body.items.map((r: { draft: boolean }) => r.draft)).toEqual([false]);
  });

  it('one answer still in review makes it a draft, streamed and queued', async () => {
    const audit = await auditInReview();

    const stream = await streamed(audit.id);
    expect(stream.status).toBe(200);
    expect(fileName(stream)).toBe(`${audit.referenceCode}-report-${DAY}-DRAFT.pdf`);
    expect(await pdfSubject(stream)).toBe('Audit report (draft)');

    const { report, file } = await queued(audit.id);
    expect(report.draft).toBe(true);
    expect(fileName(file)).toBe(`${audit.referenceCode}-report-${DAY}-DRAFT.pdf`);
    expect(await pdfSubject(file)).toBe('Audit report (draft)');
  });

  it('an approval reopened (with a reason) and edited makes the next report a draft again', async () => {
    const audit = await auditInReview();
    await approve(audit.id, audit.answeredCellId);
    expect(fileName(await streamed(audit.id))).toBe(`${audit.referenceCode}-report-${DAY}.pdf`);

    const current = await asLead.get(`/api/audits/${audit.id}/responses/${audit.answeredCellId}`);
    const edited = await asLead.patch(`/api/audits/${audit.id}/responses/${audit.answeredCellId}`).send({
      version: current.body.version,
      status: 'IN_PROGRESS',
      statusReason: 'One more key was found.',
      answer: 'Three keys: one more was found.',
    });
    expect([edited.status, edited.body.status]).toEqual([200, 'IN_PROGRESS']);
    expect(fileName(await streamed(audit.id))).toBe(`${audit.referenceCode}-report-${DAY}-DRAFT.pdf`);
    expect((await queued(audit.id)).report.draft).toBe(true);
  });
});
