// A response's status note is the latest `status_changed` event of that response
// (ResponsesService.statusNote). That read must be an index lookup on the entity, not a walk
// through every event of the audit: an audit's log grows by an event per change.
import { randomUUID } from 'node:crypto';
import { PrismaService } from '@app/db';

describe('activity events index', () => {
  let prisma: PrismaService;

  beforeAll(async () => {
    prisma = new PrismaService(process.env.DATABASE_URL!);
    await prisma.$connect();
  });
  afterAll(() => prisma.$disconnect());

  it("finds a response's latest status move through the (entity type, entity id) index", async () => {
    // The query as Prisma sends it for statusNote. Sequential scans are off for this transaction:
    // the test database's table is small enough that reading it whole would win otherwise.
    const plan = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT id, changes, occurred_at, actor_id FROM activity_events
          WHERE audit_id = $1::uuid AND entity_type = 'response' AND entity_id = $2 AND action = 'status_changed'
          ORDER BY id DESC LIMIT 1`,
        randomUUID(),
        randomUUID(),
      );
    });
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('Index Scan Backward using activity_events_entity_type_entity_id_id_idx');
    expect(text).toMatch(/Index Cond: \(\(entity_type = 'response'::text\) AND \(entity_id = '[0-9a-f-]+'::text\)\)/);
  });
});
