// Intake rules a demand's first entries must keep: a reference is unique whatever its case, a
// deadline typed in the hour the clocks repeat says which of the two it means, and an extension
// cannot have been asked for on a day still to come.
import { createTestApp, type TestApp } from '../support/app';
import { type Agent, auditInput, expectProblem, login, newAuditViaApi, newUser, uid } from '../support/factories';

describe('intake rules', () => {
  let t: TestApp;
  let asLead: Agent;

  beforeAll(async () => {
    // 03:30 UTC on 8 June is still 7 June in New York, the audits' deadline zone.
    t = await createTestApp({ now: '2023-06-08T03:30:00Z' });
    asLead = await login(t.http, (await newUser(t.prisma, { label: 'lead' })).email);
  });
  afterAll(() => t.close());

  /** How many audits have this reference in any case. */
  const sameReference = async (referenceCode: string) =>
    (
      await t.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM audits WHERE lower(reference_code) = lower(${referenceCode})`
    )[0].n;

  const errorMessage = (body: { errors?: { field: string; message: string }[] }, field: string) =>
    body.errors?.find((e) => e.field === field)?.message;

  describe('a reference is unique whatever its case', () => {
    it('refuses a new audit whose reference differs from another only in case, with 409 naming referenceCode', async () => {
      const id = uid().toUpperCase();
      const first = await newAuditViaApi(asLead, { referenceCode: `ACME-${id}` });
      expect(first.referenceCode).toBe(`ACME-${id}`);

      const res = await asLead.post('/api/audits').send(auditInput({ referenceCode: `acme-${id.toLowerCase()}` }));
      expectProblem(res, 409, 'DUPLICATE', ['referenceCode']);
      expect(errorMessage(res.body, 'referenceCode')).toBe(
        `An audit with reference ACME-${id} already exists; references that differ only in capital letters count as the same.`,
      );
      expect(await sameReference(`ACME-${id}`)).toBe(1);
    });

    it('keeps the spelling typed, and lets an audit change the case of its own reference', async () => {
      const id = uid();
      const audit = await newAuditViaApi(asLead, { referenceCode: `Acme-${id}` });
      expect(audit.referenceCode).toBe(`Acme-${id}`);
      const renamed = await asLead.patch(`/api/audits/${audit.id}`).send({ referenceCode: `ACME-${id.toUpperCase()}` });
      expect(renamed.status).toBe(200);
      expect(renamed.body.referenceCode).toBe(`ACME-${id.toUpperCase()}`);
    });

    it("refuses an edit to another audit's reference in another case, and leaves the reference as it was", async () => {
      const taken = await newAuditViaApi(asLead, { referenceCode: `TAKEN-${uid()}` });
      const audit = await newAuditViaApi(asLead);
      const res = await asLead
        .patch(`/api/audits/${audit.id}`)
        .send({ referenceCode: taken.referenceCode.toLowerCase() });
      expectProblem(res, 409, 'DUPLICATE', ['referenceCode']);
      expect((await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } })).referenceCode).toBe(
        audit.referenceCode,
      );
    });

    it('refuses a copy under a reference another audit has in another case', async () => {
      const source = await newAuditViaApi(asLead, { referenceCode: `SRC-${uid()}` });
      const res = await asLead.post(`/api/audits/${source.id}/copy`).send({
        title: 'Second demand',
        referenceCode: source.referenceCode.toLowerCase(),
        receivedOn: '2023-06-01',
        responseDeadline: '2023-07-14T17:00',
        deadlineTimeZone: 'America/New_York',
      });
      expectProblem(res, 409, 'DUPLICATE', ['referenceCode']);
      expect(await sameReference(source.referenceCode)).toBe(1);
    });

    it('concurrent creates of X-1 and x-1: exactly one audit, the others 409 naming referenceCode (never 500)', async () => {
      const id = uid();
      const spellings = [`X-${id.toUpperCase()}`, `x-${id.toLowerCase()}`];
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          asLead.post('/api/audits').send(auditInput({ referenceCode: spellings[i % 2], title: `Race ${i}` })),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const res of results.filter((r) => r.status === 409))
        expectProblem(res, 409, 'DUPLICATE', ['referenceCode']);
      expect(await sameReference(spellings[0])).toBe(1);
    });

    it('the database decides: a create racing another not yet committed gets 409, never a second audit', async () => {
      // The other audit is inserted in a transaction held open, so the API's look-up cannot see
      // it: only the unique index on lower(reference_code) stands between the two.
      const id = uid();
      let inserted!: () => void;
      let commit!: () => void;
      const insertedNow = new Promise<void>((resolve) => (inserted = resolve));
      const committing = new Promise<void>((resolve) => (commit = resolve));
      const other = t.prisma.$transaction(
        async (tx) => {
          await tx.audit.create({
            data: {
              title: 'Held open',
              referenceCode: `Y-${id.toUpperCase()}`,
              demandingParty: 'Licensor Corp',
              respondingParty: 'Licensee Inc',
              agreementTitle: 'Developer Agreement',
              receivedOn: new Date('2023-05-18T00:00:00Z'),
              responseDeadline: new Date('2023-06-07T21:00:00Z'),
              deadlineTimeZone: 'America/New_York',
            },
          });
          inserted();
          await committing;
        },
        { timeout: 60_000 },
      );
      await insertedNow;
      // Sent now (a supertest request starts when it is first awaited), answered later.
      const answer = Promise.resolve(
        asLead.post('/api/audits').send(auditInput({ referenceCode: `y-${id.toLowerCase()}` })),
      );
      // Most likely the API passes its look-up and waits at its insert, which the index holds
      // until the commit; should it look later, it finds the row. Either way: 409, never 201.
      await new Promise((resolve) => setTimeout(resolve, 500));
      commit();
      await other;
      expectProblem(await answer, 409, 'DUPLICATE', ['referenceCode']);
      expect(await sameReference(`Y-${id}`)).toBe(1);
    });
  });

  describe('a deadline in the hour the clocks repeat', () => {
    // 5 November 2023: New York's clocks went back from 02:00 EDT to 01:00 EST, so 01:30 came twice.
    const repeated = { receivedOn: '2023-10-20', deadlineTimeZone: 'America/New_York' };

    it('is refused without an offset, naming responseDeadline and saying it happens twice', async () => {
      const input = auditInput({ ...repeated, responseDeadline: '2023-11-05T01:30' });
      const res = await asLead.post('/api/audits').send(input);
      expectProblem(res, 400, 'VALIDATION_FAILED', ['responseDeadline']);
      expect(errorMessage(res.body, 'responseDeadline')).toMatch(/happens twice that day .* choose one/);
      expect(await sameReference(input.referenceCode as string)).toBe(0);
    });

    it('is taken with either offset as exactly that instant, and read back in the zone with it', async () => {
      const first = await newAuditViaApi(asLead, { ...repeated, responseDeadline: '2023-11-05T01:30-04:00' });
      const second = await newAuditViaApi(asLead, { ...repeated, responseDeadline: '2023-11-05T01:30-05:00' });
      for (const [audit, instant, local] of [
        [first, '2023-11-05T05:30:00.000Z', '2023-11-05T01:30:00.000-04:00'],
        [second, '2023-11-05T06:30:00.000Z', '2023-11-05T01:30:00.000-05:00'],
      ] as const) {
        const read = await asLead.get(`/api/audits/${audit.id}`);
        expect(read.body).toMatchObject({ responseDeadline: instant, responseDeadlineLocal: local });
      }
    });

    it('is refused on an edit of the deadline and as an extension’s new deadline, naming each field', async () => {
      const audit = await newAuditViaApi(asLead, { ...repeated, responseDeadline: '2023-11-01T17:00' });
      const edit = await asLead.patch(`/api/audits/${audit.id}`).send({ responseDeadline: '2023-11-05T01:30' });
      expectProblem(edit, 400, 'VALIDATION_FAILED', ['responseDeadline']);
      const extension = await asLead
        .post(`/api/audits/${audit.id}/extensions`)
        .send({ requestedOn: '2023-06-07', newDeadline: '2023-11-05T01:30' });
      expectProblem(extension, 400, 'VALIDATION_FAILED', ['newDeadline']);
      expect(errorMessage(extension.body, 'newDeadline')).toMatch(/happens twice that day/);
      const second = await asLead
        .post(`/api/audits/${audit.id}/extensions`)
        .send({ requestedOn: '2023-06-07', newDeadline: '2023-11-05T01:30-05:00' });
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({
        newDeadline: '2023-11-05T06:30:00.000Z',
        newDeadlineLocal: '2023-11-05T01:30:00.000-05:00',
      });
    });
  });

  it('a time of correspondence in the repeated hour is refused without an offset, naming occurredAt', async () => {
    const audit = await newAuditViaApi(asLead);
    const entry = (occurredAt: string) =>
      asLead.post(`/api/audits/${audit.id}/correspondence`).send({
        occurredAt,
        timeZone: 'America/New_York',
        direction: 'RECEIVED',
        channel: 'CALL',
        from: 'Alex Counsel',
        to: 'Dana Counsel',
        subject: 'Late call on scope',
      });
    const refused = await entry('2023-11-05T01:30');
    expectProblem(refused, 400, 'VALIDATION_FAILED', ['occurredAt']);
    expect(errorMessage(refused.body, 'occurredAt')).toMatch(/happens twice that day/);
    const taken = await entry('2023-11-05T01:30-04:00');
    expect(taken.status).toBe(201);
    expect(taken.body.occurredAt).toBe('2023-11-05T05:30:00.000Z');
  });

  describe("an extension's day of asking", () => {
    it('is refused when still to come in the audit’s zone, naming requestedOn in plain words', async () => {
      const audit = await newAuditViaApi(asLead);
      const base = `/api/audits/${audit.id}/extensions`;
      // 8 June in UTC, but 7 June in New York.
      const res = await asLead.post(base).send({ requestedOn: '2023-06-08', newDeadline: '2023-06-21T17:00' });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['requestedOn']);
      expect(errorMessage(res.body, 'requestedOn')).toBe(
        'The day the extension was asked for cannot be in the future.',
      );
      expect(await t.prisma.auditExtension.count({ where: { auditId: audit.id } })).toBe(0);

      const today = await asLead.post(base).send({ requestedOn: '2023-06-07', newDeadline: '2023-06-21T17:00' });
      expect(today.status).toBe(201);
      expect(today.body.requestedOn).toBe('2023-06-07');
    });
  });
});
