// The integrity job: the API queues it, the real worker (its own Nest app, same Redis and
// storage) re-hashes every file of the audit and records the result on each version.
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue, QueueEvents } from 'bullmq';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEnvironment } from '@app/config';
import { INTEGRITY_SWEEP_SCHEDULER_ID, QueueName } from '@app/queue';
import { LocalBlobStore } from '@app/storage';
import type { INestApplication } from '@nestjs/common';
import { createTestWorker } from './support/worker';
import { createTestApp, type TestApp } from './support/app';
import { type Agent, expectProblem, login, newAuditViaApi, newUser, addMember } from './support/factories';
import { multipart } from './support/multipart';
import { sha256 } from './support/bytes';

describe('evidence integrity job', () => {
  let t: TestApp;
  let worker: INestApplication;
  let storageDir: string;
  let agent: Agent;
  let events: QueueEvents;

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-integrity-'));
    const env = { STORAGE_DRIVER: 'local' as const, STORAGE_DIR: storageDir };
    t = await createTestApp({ env });
    worker = (await createTestWorker({ env })).app;
    const { REDIS_URL, QUEUE_PREFIX } = loadEnvironment();
    events = new QueueEvents(QueueName.EvidenceIntegrity, { connection: { url: REDIS_URL }, prefix: QUEUE_PREFIX });
    await events.waitUntilReady();
    agent = await login(t.http, (await newUser(t.prisma, { label: 'integrity' })).email);
  });
  afterAll(async () => {
    await events.close();
    await worker.close();
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  async function uploadText(auditId: string, title: string, text: string) {
    const form = multipart([['title', title]], { fileName: `${title}.txt`, content: Buffer.from(text) });
    const res = await agent
      .post(`/api/audits/${auditId}/evidence/files`)
      .set('Content-Type', form.contentType)
      .send(form.body);
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  it('verifies every file of the audit and records MATCH or MISMATCH on each version', async () => {
    const audit = await newAuditViaApi(agent);
    const intact = await uploadText(audit.id, 'intact', `intact ${audit.id}\n`);
    const tampered = await uploadText(audit.id, 'tampered', `original ${audit.id}\n`);
    writeFileSync(
      new LocalBlobStore(storageDir).pathOf(`sha256/${sha256(`original ${audit.id}\n`)}`),
      `forged ${audit.id}\n`,
    );

    const queued = await agent.post(`/api/audits/${audit.id}/evidence/integrity-checks`);
    expect(queued.status).toBe(202);
    expect(queued.body).toEqual({ jobId: `verify-audit-${audit.id}`, auditId: audit.id });
    const queue = t.app.get<Queue>(getQueueToken(QueueName.EvidenceIntegrity));
    const job = await queue.getJob(queued.body.jobId);
    // The job may already be done and removed; then its result is on the versions anyway.
    if (job) await job.waitUntilFinished(events, 30_000);

    const get = async (id: string) => (await agent.get(`/api/audits/${audit.id}/evidence/${id}`)).body;
    await waitFor(
      async () => (await get(tampered.id)).currentVersion.lastVerifiedAt !== null,
      'the job to record its results',
    );
    expect(await get(intact.id)).toMatchObject({
      integrityAlert: false,
      currentVersion: { lastVerification: 'MATCH' },
    });
    expect(await get(tampered.id)).toMatchObject({
      integrityAlert: true,
      currentVersion: { lastVerification: 'MISMATCH' },
    });
    const activity = (await agent.get(`/api/audits/${audit.id}/activity`).query({ pageSize: '500' })).body.items as {
      action: string;
      entityId: string;
    }[];
    expect(activity.filter((e) => e.action === 'integrity_failed').map((e) => e.entityId)).toEqual([tampered.id]);
  });

  it('records MISSING for a file whose stored copy is gone, with an integrity_failed event and the API saying so', async () => {
    const audit = await newAuditViaApi(agent);
    const kept = await uploadText(audit.id, 'kept', `kept ${audit.id}\n`);
    const lost = await uploadText(audit.id, 'lost', `lost ${audit.id}\n`);
    rmSync(new LocalBlobStore(storageDir).pathOf(`sha256/${sha256(`lost ${audit.id}\n`)}`));

    // Listen before queuing: the job may finish before the POST returns.
    const jobId = `verify-audit-${audit.id}`;
    const finished = new Promise<unknown>((resolve, reject) => {
      const onCompleted = ({ jobId: id, returnvalue }: { jobId: string; returnvalue: unknown }) => {
        if (id !== jobId) return;
        events.off('completed', onCompleted);
        events.off('failed', onFailed);
        resolve(returnvalue);
      };
      const onFailed = ({ jobId: id, failedReason }: { jobId: string; failedReason: string }) => {
        if (id !== jobId) return;
        events.off('completed', onCompleted);
        events.off('failed', onFailed);
        reject(new Error(`integrity job failed: ${failedReason}`));
      };
      events.on('completed', onCompleted);
      events.on('failed', onFailed);
    });
    const queued = await agent.post(`/api/audits/${audit.id}/evidence/integrity-checks`);
    expect(queued.status).toBe(202);
    expect(queued.body).toEqual({ jobId, auditId: audit.id });
    expect(await finished).toEqual({ auditId: audit.id, checked: 2, matched: 1, mismatched: 0, missing: 1 });

    const get = async (id: string) => (await agent.get(`/api/audits/${audit.id}/evidence/${id}`)).body;
    expect(await get(kept.id)).toMatchObject({ integrityAlert: false, currentVersion: { lastVerification: 'MATCH' } });
    expect(await get(lost.id)).toMatchObject({
      integrityAlert: true,
      currentVersion: { lastVerification: 'MISSING', lastVerifiedAt: expect.any(String), integrityAlert: true },
    });
    const failed = await t.prisma.activityEvent.findMany({ where: { auditId: audit.id, action: 'integrity_failed' } });
    expect(failed.map((e) => [e.entityId, (e.changes as Record<string, { after: unknown }>).result.after])).toEqual([
      [lost.id, 'MISSING'],
    ]);
  });

  it('is queued by counsel only', async () => {
    const audit = await newAuditViaApi(agent);
    const contributor = await newUser(t.prisma, { label: 'integrity-contrib' });
    await addMember(agent, audit.id, contributor, 'CONTRIBUTOR');
    const contributorAgent = await login(t.http, contributor.email);
    expectProblem(await contributorAgent.post(`/api/audits/${audit.id}/evidence/integrity-checks`), 403, 'FORBIDDEN');
  });
});

describe('scheduled integrity sweep', () => {
  const everyMs = 86_400_000;
  let t: TestApp;
  let storageDir: string;
  let agent: Agent;

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-sweep-'));
    t = await createTestApp({ env: { STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir } });
    agent = await login(t.http, (await newUser(t.prisma, { label: 'sweep' })).email);
  });
  afterAll(async () => {
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  async function bootWorker(sweepEveryMs: number): Promise<INestApplication> {
    return (
      await createTestWorker({
        env: { STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir, EVIDENCE_INTEGRITY_SWEEP_EVERY_MS: sweepEveryMs },
      })
    ).app;
  }

  it('checks every file of every audit without anyone queuing it, and records each result', async () => {
    const first = await newAuditViaApi(agent);
    const second = await newAuditViaApi(agent);
    const upload = async (auditId: string, title: string, text: string) => {
      const form = multipart([['title', title]], { fileName: `${title}.txt`, content: Buffer.from(text) });
      const res = await agent
        .post(`/api/audits/${auditId}/evidence/files`)
        .set('Content-Type', form.contentType)
        .send(form.body);
      expect(res.status).toBe(201);
      return res.body as { id: string };
    };
    const intact = await upload(first.id, 'intact', `swept intact ${first.id}\n`);
    const tampered = await upload(second.id, 'tampered', `swept original ${second.id}\n`);
    writeFileSync(
      new LocalBlobStore(storageDir).pathOf(`sha256/${sha256(`swept original ${second.id}\n`)}`),
      'forged\n',
    );

    // A worker starting with the sweep on registers the scheduler, whose first run is now.
    const worker = await bootWorker(everyMs);
    try {
      const queue = t.app.get<Queue>(getQueueToken(QueueName.EvidenceIntegrity));
      expect(await queue.getJobScheduler(INTEGRITY_SWEEP_SCHEDULER_ID)).toMatchObject({
        every: everyMs,
        name: 'sweep',
      });

      const get = async (auditId: string, id: string) =>
        (await agent.get(`/api/audits/${auditId}/evidence/${id}`)).body;
      await waitFor(
        async () => (await get(first.id, intact.id)).currentVersion.lastVerifiedAt !== null,
        'the sweep to check the first audit',
      );
      await waitFor(
        async () => (await get(second.id, tampered.id)).currentVersion.lastVerifiedAt !== null,
        'the sweep to check the second audit',
      );
      expect(await get(first.id, intact.id)).toMatchObject({
        integrityAlert: false,
        currentVersion: { lastVerification: 'MATCH' },
      });
      expect(await get(second.id, tampered.id)).toMatchObject({
        integrityAlert: true,
        currentVersion: { lastVerification: 'MISMATCH' },
      });
      // Nobody asked: the events carry no actor.
      const failed = await t.prisma.activityEvent.findMany({
        where: { auditId: second.id, action: 'integrity_failed' },
      });
      expect(failed.map((e) => [e.entityId, e.actorId])).toEqual([[tampered.id, null]]);
    } finally {
      await worker.close();
    }

    // Turned off (0), a starting worker removes the scheduler a past start left in Redis.
    const off = await bootWorker(0);
    await off.close();
    const queue = t.app.get<Queue>(getQueueToken(QueueName.EvidenceIntegrity));
    expect(await queue.getJobScheduler(INTEGRITY_SWEEP_SCHEDULER_ID)).toBeUndefined();
  });
});

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
