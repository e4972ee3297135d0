// Intake of a demand through the API: every field of the letter can be set when the audit is
// opened and edited later, and the status moves record the day the response was submitted
// and why an audit was reopened.
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  type Agent,
  auditInput,
  expectProblem,
  login,
  newAuditViaApi,
  newUser,
  type TestUser,
} from '../support/factories';

describe('audit intake and status moves', () => {
  let t: TestApp;
  let lead: TestUser;
  let counsel: TestUser;
  let asLead: Agent;
  let asCounsel: Agent;

  beforeAll(async () => {
    // 03:30 UTC on 8 June is still 7 June in New York, the audits' deadline zone.
    t = await createTestApp({ now: '2023-06-08T03:30:00Z' });
    [lead, counsel] = await Promise.all(['lead', 'counsel'].map((label) => newUser(t.prisma, { label })));
    [asLead, asCounsel] = await Promise.all([lead, counsel].map((u) => login(t.http, u.email)));
  });
  afterAll(() => t.close());

  async function openAudit() {
    const audit = await newAuditViaApi(asLead);
    await addMember(asLead, audit.id, counsel, 'COUNSEL');
    const opened = await asLead.patch(`/api/audits/${audit.id}`).send({ status: 'OPEN' });
    expect(opened.status).toBe(200);
    return audit as { id: string };
  }

  const statusEvents = async (auditId: string) =>
    (await asLead.get(`/api/audits/${auditId}/activity`).query({ action: 'status_changed' })).body.items as {
      changes: Record<string, { before: unknown; after: unknown }>;
    }[];

  it('takes every field of the demand at creation, both parties with their counsel, and edits each later', async () => {
    const input = auditInput({
      demandingCounselName: 'Alex Counsel',
      demandingCounselFirm: 'Licensor Law LLP',
      demandingCounselEmail: 'alex@licensor.example.com',
      respondingCounselName: 'Rita Defence',
      respondingCounselFirm: 'Licensee Legal LLP',
      respondingCounselEmail: 'Rita@Licensee.example.com',
      agreementVersion: 'v4.2',
      auditClauseRef: '12.3',
      letterDate: '2023-05-16',
      periodStart: '2021-01-01',
      periodEnd: '2022-12-31',
      notes: 'Oracle licence audit of three systems.',
      confidentialityLegend: 'CONFIDENTIAL - SETTLEMENT',
    });
    const created = await asLead.post('/api/audits').send(input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      respondingCounselName: 'Rita Defence',
      respondingCounselFirm: 'Licensee Legal LLP',
      respondingCounselEmail: 'Rita@Licensee.example.com',
      demandingCounselFirm: 'Licensor Law LLP',
      confidentialityLegend: 'CONFIDENTIAL - SETTLEMENT',
      effectiveConfidentialityLegend: 'CONFIDENTIAL - SETTLEMENT',
      submittedAt: null,
    });

    const edits = {
      title: 'Oracle licence audit',
      demandingParty: 'Oracle Corp',
      demandingCounselName: 'Bea Counsel',
      demandingCounselFirm: null,
      demandingCounselEmail: 'bea@oracle.example.com',
      respondingParty: 'Client plc',
      respondingCounselName: 'Sam Inhouse',
      respondingCounselFirm: null,
      respondingCounselEmail: null,
      agreementTitle: 'Oracle Master Agreement',
      agreementVersion: 'v5',
      auditClauseRef: '14',
      letterDate: '2023-05-17',
      receivedOn: '2023-05-19',
      responseDeadline: '2023-06-30T12:00',
      deadlineTimeZone: 'Europe/London',
      periodStart: '2020-01-01',
      periodEnd: '2023-03-31',
      notes: null,
      confidentialityLegend: null,
    };
    const edited = await asLead.patch(`/api/audits/${created.body.id}`).send(edits);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      ...edits,
      responseDeadline: '2023-06-30T11:00:00.000Z',
      responseDeadlineLocal: '2023-06-30T12:00:00.000+01:00',
      effectiveConfidentialityLegend: 'PRIVILEGED & CONFIDENTIAL - ATTORNEY WORK PRODUCT',
    });
    expect((await asLead.get(`/api/audits/${created.body.id}`)).body).toEqual(edited.body);
  });

  it('names the field of a bad responding counsel email', async () => {
    const res = await asLead.post('/api/audits').send(auditInput({ respondingCounselEmail: 'not an email' }));
    expectProblem(res, 400, 'VALIDATION_FAILED', ['respondingCounselEmail']);
  });

  it('refuses a letter dated after the demand was received, naming letterDate, at creation and on an edit', async () => {
    const input = auditInput({ letterDate: '2023-05-19' }); // received 18 May
    expectProblem(await asLead.post('/api/audits').send(input), 400, 'VALIDATION_FAILED', ['letterDate']);
    expect(await t.prisma.audit.count({ where: { referenceCode: input.referenceCode as string } })).toBe(0);

    const audit = await newAuditViaApi(asLead, { letterDate: '2023-05-18' });
    // Moving the day of receipt before the letter's date is the same mistake.
    const res = await asLead.patch(`/api/audits/${audit.id}`).send({ receivedOn: '2023-05-17' });
    expectProblem(res, 400, 'VALIDATION_FAILED', ['letterDate']);
    expect(res.body.errors[0].message).toContain('receivedOn (2023-05-17)');
    const stored = await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } });
    expect(stored.receivedOn.toISOString().slice(0, 10)).toBe('2023-05-18');
  });

  it('refuses an extension to a deadline no later than the one in force, naming newDeadline', async () => {
    const audit = await newAuditViaApi(asLead); // due 7 June 2023, 17:00 New York
    const res = await asLead
      .post(`/api/audits/${audit.id}/extensions`)
      .send({ requestedOn: '2023-06-01', newDeadline: '2023-06-07T17:00' });
    expectProblem(res, 422, 'RULE_VIOLATION', ['newDeadline']);
    expect(await t.prisma.auditExtension.count({ where: { auditId: audit.id } })).toBe(0);
  });

  it('refuses to delete a provision that requests cite, naming them', async () => {
    const audit = await newAuditViaApi(asLead);
    const provision = await asLead
      .post(`/api/audits/${audit.id}/provisions`)
      .send({ reference: '12.4', title: 'Audit rights' });
    expect(provision.status).toBe(201);
    for (const title of ['Installations', 'Users', 'Data'])
      expect(
        (
          await asLead
            .post(`/api/audits/${audit.id}/requests`)
            .send({ title, text: `List the ${title}.`, provisionId: title === 'Users' ? null : provision.body.id })
        ).status,
      ).toBe(201);
    const res = await asLead.delete(`/api/audits/${audit.id}/provisions/${provision.body.id}`);
    expectProblem(res, 409, 'CONFLICT');
    expect(res.body.detail).toBe('Requests 1 and 3 cite provision 12.4: change them first.');
    expect(await t.prisma.provision.count({ where: { id: provision.body.id } })).toBe(1);
  });

  it('records submittedAt as today in the audit zone when moved to SUBMITTED without a day', async () => {
    const audit = await openAudit();
    const res = await asLead.patch(`/api/audits/${audit.id}`).send({ status: 'SUBMITTED' });
    expect(res.status).toBe(200);
    // 2023-06-08T03:30Z is 7 June in New York.
    expect(res.body).toMatchObject({ status: 'SUBMITTED', submittedAt: '2023-06-07' });
    expect((await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } })).submittedAt).toEqual(
      new Date('2023-06-07T00:00:00Z'),
    );
    expect((await statusEvents(audit.id))[0].changes).toEqual({
      status: { before: 'OPEN', after: 'SUBMITTED' },
      submittedAt: { before: null, after: '2023-06-07T00:00:00.000Z' },
    });
  });

  it('records the day given, keeps it on closing, and refuses a day in the future naming submittedAt', async () => {
    const audit = await openAudit();
    const future = await asLead
      .patch(`/api/audits/${audit.id}`)
      .send({ status: 'SUBMITTED', submittedAt: '2023-06-08' });
    expectProblem(future, 400, 'VALIDATION_FAILED', ['submittedAt']);
    expect(future.body.detail).toBe('submittedAt 2023-06-08 is in the future (today is 2023-06-07).');
    expect((await asLead.get(`/api/audits/${audit.id}`)).body.status).toBe('OPEN');

    const submitted = await asLead
      .patch(`/api/audits/${audit.id}`)
      .send({ status: 'SUBMITTED', submittedAt: '2023-06-05' });
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', submittedAt: '2023-06-05' });
    const closed = await asLead.patch(`/api/audits/${audit.id}`).send({ status: 'CLOSED' });
    expect(closed.body).toMatchObject({ status: 'CLOSED', submittedAt: '2023-06-05' });
  });

  it('refuses a submittedAt that is not a real date', async () => {
    const audit = await openAudit();
    const res = await asLead.patch(`/api/audits/${audit.id}`).send({ status: 'SUBMITTED', submittedAt: '2023-02-30' });
    expectProblem(res, 400, 'VALIDATION_FAILED', ['submittedAt']);
  });

  describe('reopening', () => {
    it('needs lead counsel: counsel get 403 and the audit stays submitted', async () => {
      const audit = await openAudit();
      await asLead.patch(`/api/audits/${audit.id}`).send({ status: 'SUBMITTED' });
      const res = await asCounsel
        .patch(`/api/audits/${audit.id}`)
        .send({ status: 'OPEN', statusReason: 'Follow-up request' });
      expectProblem(res, 403, 'FORBIDDEN');
      expect((await asLead.get(`/api/audits/${audit.id}`)).body).toMatchObject({
        status: 'SUBMITTED',
        submittedAt: '2023-06-07',
      });
    });

    it('needs a reason, clears submittedAt, and records the reason in the activity log', async () => {
      const audit = await openAudit();
      await asLead.patch(`/api/audits/${audit.id}`).send({ status: 'SUBMITTED', submittedAt: '2023-06-06' });

      const noReason = await asLead.patch(`/api/audits/${audit.id}`).send({ status: 'OPEN' });
      expectProblem(noReason, 400, 'VALIDATION_FAILED', ['statusReason']);
      expect(noReason.body.detail).toBe('Give a reason to reopen an audit that is SUBMITTED.');

      const reopened = await asLead
        .patch(`/api/audits/${audit.id}`)
        .send({ status: 'OPEN', statusReason: 'The auditor sent a follow-up request on 7 June.' });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ status: 'OPEN', submittedAt: null });
      expect((await statusEvents(audit.id))[0]).toMatchObject({
        actor: { id: lead.id, name: lead.name },
        changes: {
          status: { before: 'SUBMITTED', after: 'OPEN' },
          submittedAt: { before: '2023-06-06T00:00:00.000Z', after: null },
          statusReason: { before: null, after: 'The auditor sent a follow-up request on 7 June.' },
        },
      });
    });
  });
});
