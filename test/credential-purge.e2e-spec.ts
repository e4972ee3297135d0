// The worker's scheduled purge of dead credentials: expired sessions (idle, or past their
// absolute maximum) and expired or revoked API tokens are deleted; live ones stay and work.
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { hashSecret } from '@app/accounts';
import { FixedClock } from '@app/domain';
import { CREDENTIAL_PURGE_SCHEDULER_ID, QueueName } from '@app/queue';
import { createTestApp, type TestApp } from './support/app';
import { newUser, uid } from './support/factories';
import { useOwnDatabase } from './support/own-database';
import { createTestWorker } from './support/worker';

describe('credential purge', () => {
  const now = new Date('2024-03-01T09:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const hoursAhead = (h: number) => new Date(now.getTime() + h * 3_600_000);
  let t: TestApp;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    // Its own database: the purge deletes every dead credential, other files' included.
    dropDatabase = await useOwnDatabase('purge');
    t = await createTestApp({ now });
  });
  afterAll(async () => {
    await t?.close();
    await dropDatabase?.();
  });

  it('deletes expired sessions and dead tokens on its schedule; live ones stay and still work', async () => {
    const user = await newUser(t.prisma, { label: 'purge' });
    const session = (label: string, createdAt: Date, expiresAt: Date) =>
      t.prisma.session.create({
        data: {
          userId: user.id,
          tokenHash: hashSecret(`${label}-${uid()}`),
          createdAt,
          lastSeenAt: createdAt,
          expiresAt,
        },
      });
    const token = (name: string, data: { expiresAt?: Date; revokedAt?: Date }) =>
      t.prisma.apiToken.create({ data: { userId: user.id, name, tokenHash: hashSecret(`${name}-${uid()}`), ...data } });
    await session('idle', hoursAgo(20), hoursAgo(8));
    // Slid forward by use, but logged in longer ago than the maximum (168 hours by default).
    await session('too-old', hoursAgo(169), hoursAhead(6));
    await token('expired', { expiresAt: hoursAgo(1) });
    await token('revoked', { revokedAt: hoursAgo(2) });
    const liveSecret = `live-session-${uid()}`;
    await t.prisma.session.create({
      data: {
        userId: user.id,
        tokenHash: hashSecret(liveSecret),
        createdAt: hoursAgo(2),
        lastSeenAt: hoursAgo(2),
        expiresAt: hoursAhead(10),
      },
    });
    await token('lasting', {});
    await token('later', { expiresAt: hoursAhead(24) });

    const worker = await createTestWorker({
      clock: new FixedClock(now),
      env: { CREDENTIAL_PURGE_EVERY_MS: 3_600_000 },
    });
    try {
      const queue = worker.app.get<Queue>(getQueueToken(QueueName.Credentials));
      expect(await queue.getJobScheduler(CREDENTIAL_PURGE_SCHEDULER_ID)).toMatchObject({
        every: 3_600_000,
        name: 'purge-expired',
      });
      // The scheduler's first run is now.
      const deadline = Date.now() + 30_000;
      while ((await t.prisma.session.count({ where: { userId: user.id } })) > 1 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(1);
      expect(
        (await t.prisma.apiToken.findMany({ where: { userId: user.id }, orderBy: { name: 'asc' } })).map((k) => k.name),
      ).toEqual(['lasting', 'later']);
      const me = await request(t.http).get('/api/auth/me').set('Cookie', `auditdesk_session=${liveSecret}`);
      expect([me.status, me.body.email]).toEqual([200, user.email]);
    } finally {
      await worker.close();
    }

    // Turned off (0), a starting worker removes the scheduler a past start left in Redis.
    const off = await createTestWorker({ env: { CREDENTIAL_PURGE_EVERY_MS: 0 } });
    try {
      const queue = off.app.get<Queue>(getQueueToken(QueueName.Credentials));
      expect(await queue.getJobScheduler(CREDENTIAL_PURGE_SCHEDULER_ID)).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});
