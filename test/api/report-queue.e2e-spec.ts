// A queued report end to end: the API queues it, the real worker (WorkerModule on the same
// Redis and database) renders it, the API shows progress, lists it and serves the stored PDF.
import type { INestApplication } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { ReportJob } from '@app/queue';
import { ReportProcessor } from '../../apps/worker/src/reports/report.processor';
import { createTestWorker } from '../support/worker';
import { createTestApp, type TestApp } from '../support/app';
import { sha256, sleep } from '../support/bytes';
import {
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  grid,
  newAuditViaApi,
  newUser,
  tokenAgent,
} from '../support/factories';
import { insertFileEvidence } from '../support/evidence-rows';
import { bodyText, getPdf, pdfInfo, pdfPages, squash } from '../support/pdf';

const NOW = '2023-05-26T14:00:00.000Z';
const LEGEND = 'PRIVILEGED & CONFIDENTIAL - ATTORNEY WORK PRODUCT';

describe('queued reports', () => {
  let t: TestApp;
  let worker: INestApplication;
  let agent: Agent;
  let auditId: string;
  let answer: string;
  let hash: string;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    worker = (await createTestWorker({ clock: t.clock })).app;

    const lead = await newUser(t.prisma, { name: 'Zoë Ødegård' });
    agent = await tokenAgent(t.http, lead);
    auditId = (await newAuditViaApi(agent)).id;
    await addSubject(agent, auditId, { name: 'Analytics app' });
    await addSubject(agent, auditId, { name: 'Ads app' });
    await addRequest(agent, auditId, { title: 'Keys', text: 'List every API key.' });
    const cells = await grid(agent, auditId);
    answer = 'Two keys were issued: one for production and one for staging; both were revoked in April 2023.';
    const res = await agent
      .patch(`/api/audits/${auditId}/responses/${cells[0].id}`)
      .send({ version: cells[0].version, answer });
    expect(res.status).toBe(200);
    hash = (await insertFileEvidence(t.prisma, auditId, [cells[0].id], { title: 'Key register' })).hashes[0];
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('queues, renders in the worker with progress, lists and downloads the stored PDF with its SHA-256', async () => {
    const queued = await agent.post(`/api/audits/${auditId}/reports`).send({ includeUnapproved: true });
    expect(queued.status).toBe(201);
    expect(queued.body).toMatchObject({
      status: 'QUEUED',
      progress: 0,
      options: { subjectIds: null, includeUnapproved: true },
      downloadUrl: null,
    });

    const seen: number[] = [];
    let report = queued.body;
    for (let i = 0; i < 600 && !['DONE', 'FAILED'].includes(report.status); i++) {
      await sleep(100);
      report = (await agent.get(`/api/audits/${auditId}/reports/${queued.body.id}`)).body;
      seen.push(report.progress);
    }
    // The answer is not approved yet and is printed: a draft.
    expect(report).toMatchObject({
      status: 'DONE',
      progress: 100,
      error: null,
      finishedAt: NOW,
      draft: true,
      requestedBy: { name: 'Zoë Ødegård' },
    });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const list = await agent.get(`/api/audits/${auditId}/reports`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: report.id,
        status: 'DONE',
        draft: true,
        downloadUrl: `/api/audits/${auditId}/reports/${report.id}/file`,
      }),
    ]);

    const file = await getPdf(agent, report.downloadUrl);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="E2E-[0-9a-f]+-report-2023-05-26-DRAFT\.pdf"$/,
    );
    const bytes = file.body as Buffer;
    expect(sha256(bytes)).toBe(report.sha256);
    expect(bytes.length).toBe(report.sizeBytes);
    expect(pdfInfo(bytes).pages).toBe(report.pageCount);
    expect(pdfInfo(bytes).tagged).toEqual({ marked: true, structTree: true });
    expect(pdfInfo(bytes).pdfA).toBeNull();

    const body = bodyText(pdfPages(bytes, { noDiagonal: true }), LEGEND);
    expect(body).toContain(squash(answer));
    expect(body).toContain(hash);
    expect(pdfPages(bytes, { noDiagonal: true })[0]).toContain('DRAFT');
    expect(body).toContain(squash('Generated 26 May 2023, 10:00 (America/New_York) by Zoë Ødegård'));

    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'report', entityId: report.id },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual(['queued', 'generated']);
    expect(events[1].changes).toMatchObject({ sha256: { after: report.sha256 } });

    // The same job delivered again finds the report done and does nothing.
    const again = await worker.get(ReportProcessor).process({ data: { reportId: report.id } } as Job<ReportJob>);
    expect(again).toBe('skipped');
    expect(await t.prisma.reportFile.count({ where: { reportId: report.id } })).toBe(1);
  });

  it('names and lists a report that withholds unapproved answers as final, not DRAFT', async () => {
    const queued = await agent.post(`/api/audits/${auditId}/reports`).send({ includeUnapproved: false });
    expect(queued.status).toBe(201);
    expect(queued.body.draft).toBeNull();
    let report = queued.body;
    for (let i = 0; i < 600 && !['DONE', 'FAILED'].includes(report.status); i++) {
      await sleep(100);
      report = (await agent.get(`/api/audits/${auditId}/reports/${queued.body.id}`)).body;
    }
    expect(report).toMatchObject({ status: 'DONE', draft: false });
    const file = await getPdf(agent, report.downloadUrl);
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="E2E-[0-9a-f]+-report-2023-05-26\.pdf"$/,
    );
    const pages = pdfPages(file.body as Buffer);
    expect(pages.join('\n')).not.toContain('DRAFT');
    expect(pdfInfo(file.body as Buffer).pdfA).toEqual({ part: 2, conformance: 'B' });
    expect(squash(pages.join(''))).not.toContain(squash(answer));
  });

  it("answers 409 for the file of a report that is not done, and 404 for another audit's report", async () => {
    const pending = await t.prisma.report.create({
      data: { auditId, options: { includeUnapproved: true } },
      select: { id: true },
    });
    expectProblem(await agent.get(`/api/audits/${auditId}/reports/${pending.id}/file`), 409, 'CONFLICT');
    const other = await newAuditViaApi(agent);
    expectProblem(await agent.get(`/api/audits/${other.id}/reports/${pending.id}`), 404, 'NOT_FOUND');
    expectProblem(await agent.get(`/api/audits/${other.id}/reports/${pending.id}/file`), 404, 'NOT_FOUND');
  });
});
