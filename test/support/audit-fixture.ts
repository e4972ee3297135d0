// An audit with one of everything, for specs that walk every audit-scoped route of the OpenAPI
// document: a real id of the audit's own rows for each path parameter, and a valid body for
// each write (route-isolation sends them as a non-member, hostile-input mutates them).
import { addMember, addRequest, addSubject, type Agent, grid, newAuditViaApi, type TestUser } from './factories';
import { multipart } from './multipart';
import { pdfWithPages } from './pdf';

/** Every route under an audit starts with this; its first parameter is the audit. */
export const AUDIT_SCOPED = '/api/audits/{auditId}';

/** Real ids by path parameter name (and `format`, the one path value that is not an id). */
export type AuditIds = Record<string, string>;

/** A JSON body, or the text fields of a multipart form (the helper adds a small file). */
export type SampleBody = Record<string, unknown> | { multipart: [string, string][] };

/**
 * Makes an audit of `owner` (lead counsel) with `colleague` as counsel and one of every row a
 * route can name: subject, provision, request, an assigned and commented response, file
 * evidence (a PDF, with a redaction), a request's form, extension, reminder, queued report, source document, disposition, production,
 * privilege log entry, correspondence entry (the demand letter's) with its file, submitted response (version 1; the audit is then SUBMITTED). Returns their ids by path parameter name.
 */
export async function auditWithEverything(
  asOwner: Agent,
  owner: TestUser,
  colleague: TestUser,
  title = 'Audit B',
): Promise<AuditIds> {
  const audit = await newAuditViaApi(asOwner, { title, responseDeadline: '2023-06-07T17:00' });
  const b = `/api/audits/${audit.id}`;
  await addMember(asOwner, audit.id, colleague, 'COUNSEL');
  const subject = await addSubject(asOwner, audit.id);
  const provision = await asOwner.post(`${b}/provisions`).send({ reference: 'S 4.2', title: 'Records' });
  expect(provision.status).toBe(201);
  const auditRequest = await addRequest(asOwner, audit.id, { provisionId: provision.body.id });
  const requestForm = await asOwner
    .put(`${b}/requests/${auditRequest.id}/form`)
    .send({ fields: [{ key: 'data_held', label: 'Data held', required: false, type: 'SHORT_TEXT' }] });
  expect(requestForm.status).toBe(200);
  const [cell] = await grid(asOwner, audit.id);
  const assigned = await asOwner.patch(`${b}/responses/${cell.id}`).send({ version: 1, assigneeId: colleague.id });
  expect(assigned.status).toBe(200);
  expect((await asOwner.post(`${b}/responses/${cell.id}/comments`).send({ body: 'B only' })).status).toBe(201);
  const form = multipart(
    [
      ['title', 'Key register'],
      ['responseIds', cell.id],
    ],
    // A PDF, so that its pages can be drawn and redacted.
    { fileName: 'keys.pdf', content: await pdfWithPages([`keys of ${audit.id}`]) },
  );
  const evidence = await asOwner.post(`${b}/evidence/files`).set('Content-Type', form.contentType).send(form.body);
  expect(evidence.status).toBe(201);
  const redaction = await asOwner
    .post(`${b}/evidence/${evidence.body.id}/versions/1/redactions`)
    .send({ page: 1, x: 0.1, y: 0.1, width: 0.3, height: 0.05, reason: 'PERSONAL_DATA' });
  expect(redaction.status).toBe(201);
  const extension = await asOwner
    .post(`${b}/extensions`)
    .send({ requestedOn: '2023-05-25', newDeadline: '2023-06-21T17:00' });
  expect(extension.status).toBe(201);
  const reminder = await asOwner.post(`${b}/reminders/send-now`).send({ userId: owner.id });
  expect(reminder.status).toBe(201);
  // Queued only: no worker runs here, so it stays QUEUED (a member asking for its file gets 409).
  const report = await asOwner.post(`${b}/reports`).send({ includeUnapproved: true });
  expect(report.status).toBe(201);
  const letter = multipart(
    [
      ['kind', 'DEMAND_LETTER'],
      ['title', 'Demand letter'],
    ],
    { fileName: 'letter.txt', content: Buffer.from(`demand of ${audit.id}\n`) },
  );
  const document = await asOwner.post(`${b}/documents`).set('Content-Type', letter.contentType).send(letter.body);
  expect(document.status).toBe(201);
  // Attaching the letter made the correspondence log's first entry, with the letter as its file.
  const correspondence = (await asOwner.get(`${b}/correspondence`)).body.items[0] as {
    id: string;
    attachments: { id: string }[];
  };
  const [objection] = (await asOwner.get('/api/objections')).body as { id: string }[];
  const disposition = await asOwner
    .put(`${b}/response-draft/requests/${auditRequest.id}`)
    .send({ version: 0, disposition: 'OBJECT', objections: [{ objectionId: objection.id }] });
  expect(disposition.status).toBe(200);
  const production = await asOwner.post(`${b}/productions`).send({
    name: 'B-VOL001',
    batesPrefix: 'B-',
    recipient: 'Counsel for the other side',
    productionDate: '2023-06-01',
    deliveryMethod: 'Secure file transfer',
  });
  expect(production.status).toBe(201);
  const entry = await asOwner.post(`${b}/privilege-log`).send({
    documentType: 'Email',
    description: 'Email seeking legal advice on licence terms',
    privilege: 'ATTORNEY_CLIENT',
    treatment: 'WITHHELD',
  });
  expect(entry.status).toBe(201);
  // Submitted once: the audit is opened first (a draft audit is not submitted).
  expect((await asOwner.patch(b).send({ status: 'OPEN' })).status).toBe(200);
  const submission = await asOwner.post(`${b}/response-submissions`).send({});
  expect(submission.status).toBe(201);

  return {
    auditId: audit.id,
    subjectId: subject.id,
    requestId: auditRequest.id,
    provisionId: provision.body.id,
    responseId: cell.id,
    userId: colleague.id,
    evidenceId: evidence.body.id,
    number: '1',
    page: '1',
    redactionId: redaction.body.id,
    extensionId: extension.body.id,
    reminderId: reminder.body.id,
    reportId: report.body.id,
    documentId: document.body.id,
    format: 'csv',
    productionId: production.body.id,
    // A draft volume cannot be released, so B has no release: any id will do, since the
    // membership check answers before the release is looked up.
    releaseId: '00000000-0000-4000-8000-000000000001',
    entryId: entry.body.id,
    correspondenceId: correspondence.id,
    attachmentId: correspondence.attachments[0].id,
    version: String(submission.body.version),
  };
}

/**
 * A valid body for each audit-scoped write that takes one: what a member could send and be
 * served. `otherUserId` is someone to name (a new member, an assignee), `invitee` an email.
 */
export const validBodies = (
  ids: AuditIds,
  people: { ownerId: string; otherUserId: string; invitee: string },
): Record<string, SampleBody> => ({
  [`PATCH ${AUDIT_SCOPED}`]: { title: 'Taken over' },
  [`POST ${AUDIT_SCOPED}/members`]: { userId: people.otherUserId, role: 'LEAD_COUNSEL' },
  [`PATCH ${AUDIT_SCOPED}/members/{userId}`]: { role: 'VIEWER' },
  [`POST ${AUDIT_SCOPED}/subjects`]: { name: 'Intruder app' },
  [`PATCH ${AUDIT_SCOPED}/subjects/{subjectId}`]: { name: 'Renamed' },
  [`POST ${AUDIT_SCOPED}/requests`]: { title: 'Intruder request', text: 'Send everything.' },
  [`POST ${AUDIT_SCOPED}/requests/import`]: { text: '1. Intruder request.\n2. Another one.' },
  [`POST ${AUDIT_SCOPED}/subjects/import`]: { multipart: [] },
  [`PATCH ${AUDIT_SCOPED}/requests/{requestId}`]: { title: 'Renamed' },
  [`PUT ${AUDIT_SCOPED}/requests/{requestId}/form`]: {
    version: 1,
    fields: [{ key: 'intruder', label: 'Intruder', required: false, type: 'SHORT_TEXT' }],
  },
  [`POST ${AUDIT_SCOPED}/provisions`]: { reference: 'S 9', title: 'Intruder' },
  [`PATCH ${AUDIT_SCOPED}/provisions/{provisionId}`]: { title: 'Renamed' },
  [`PATCH ${AUDIT_SCOPED}/responses/{responseId}`]: { version: 2, answer: 'overwritten' },
  [`PATCH ${AUDIT_SCOPED}/responses`]: {
    items: [{ responseId: ids.responseId, version: 2 }],
    set: { assigneeId: people.otherUserId, notApplicable: true },
  },
  [`POST ${AUDIT_SCOPED}/responses/{responseId}/comments`]: { body: 'hello' },
  [`POST ${AUDIT_SCOPED}/evidence`]: { kind: 'NOTE', title: 'Intruder note', body: 'text' },
  [`POST ${AUDIT_SCOPED}/evidence/files`]: { multipart: [['title', 'Intruder file']] },
  [`PATCH ${AUDIT_SCOPED}/evidence/{evidenceId}`]: { title: 'Renamed' },
  [`POST ${AUDIT_SCOPED}/evidence/{evidenceId}/responses`]: { responseId: ids.responseId },
  [`POST ${AUDIT_SCOPED}/evidence/{evidenceId}/versions`]: { multipart: [] },
  [`POST ${AUDIT_SCOPED}/evidence/{evidenceId}/versions/{number}/redactions`]: {
    page: 1,
    x: 0.5,
    y: 0.5,
    width: 0.2,
    height: 0.1,
    reason: 'PRIVILEGE',
  },
  [`PATCH ${AUDIT_SCOPED}/evidence/{evidenceId}/versions/{number}/redactions/{redactionId}`]: {
    reason: 'TRADE_SECRET',
  },
  [`PUT ${AUDIT_SCOPED}/legal-hold`]: { reason: 'Intruder' },
  [`DELETE ${AUDIT_SCOPED}/legal-hold`]: { reason: 'Intruder' },
  [`PUT ${AUDIT_SCOPED}/reminders/policy`]: {
    deadlineDaysBefore: [1],
    dueDateDaysBefore: [],
    afterDueDaily: false,
    escalateDaysBefore: 1,
    sendHour: 8,
  },
  [`PUT ${AUDIT_SCOPED}/reminders/mine`]: { enabled: false },
  [`PUT ${AUDIT_SCOPED}/reminders/pause`]: { reason: 'Intruder' },
  [`POST ${AUDIT_SCOPED}/reminders/send-now`]: { userId: people.ownerId },
  [`POST ${AUDIT_SCOPED}/extensions`]: { requestedOn: '2023-05-25', newDeadline: '2023-07-21T17:00' },
  [`POST ${AUDIT_SCOPED}/extensions/{extensionId}/decision`]: { status: 'GRANTED', decidedOn: '2023-05-26' },
  [`POST ${AUDIT_SCOPED}/reports`]: { includeUnapproved: true },
  [`PUT ${AUDIT_SCOPED}/response-draft/requests/{requestId}`]: { version: 1, responseText: 'overwritten' },
  [`PUT ${AUDIT_SCOPED}/response-draft/requests/{requestId}/subjects/{subjectId}`]: {
    version: 0,
    disposition: 'NOT_APPLICABLE',
  },
  [`PUT ${AUDIT_SCOPED}/response-draft/letter`]: { version: 0, firmName: 'Intruder LLP' },
  [`POST ${AUDIT_SCOPED}/invitations`]: { email: people.invitee, role: 'LEAD_COUNSEL' },
  [`POST ${AUDIT_SCOPED}/invitations/batch`]: { people: [{ email: people.invitee, role: 'LEAD_COUNSEL' }] },
  [`PUT ${AUDIT_SCOPED}/production-designations`]: { labels: ['INTRUDER'] },
  [`POST ${AUDIT_SCOPED}/productions`]: {
    name: 'INTRUDER-VOL',
    batesPrefix: 'X-',
    recipient: 'Intruder',
    productionDate: '2023-06-01',
    deliveryMethod: 'Email',
  },
  [`PATCH ${AUDIT_SCOPED}/productions/{productionId}`]: { recipient: 'Intruder' },
  [`POST ${AUDIT_SCOPED}/productions/{productionId}/releases`]: {
    recipientName: 'Intruder',
    recipientEmail: 'intruder@example.com',
    expiresAt: '2099-01-01T00:00:00Z',
  },
  [`POST ${AUDIT_SCOPED}/productions/{productionId}/documents`]: {
    evidenceVersionId: '00000000-0000-4000-8000-000000000001',
    designation: 'INTRUDER',
  },
  [`POST ${AUDIT_SCOPED}/privilege-log`]: {
    documentType: 'Email',
    description: 'Intruder',
    privilege: 'OTHER',
    privilegeOther: 'None',
    treatment: 'WITHHELD',
  },
  [`PUT ${AUDIT_SCOPED}/privilege-log/{entryId}`]: {
    documentType: 'Email',
    description: 'Overwritten',
    privilege: 'WORK_PRODUCT',
    treatment: 'WITHHELD',
  },
  [`POST ${AUDIT_SCOPED}/correspondence`]: {
    occurredAt: '2023-05-26T10:00',
    timeZone: 'UTC',
    direction: 'SENT',
    channel: 'EMAIL',
    from: 'Intruder',
    to: 'Counsel',
    subject: 'Intruder email',
  },
  [`PUT ${AUDIT_SCOPED}/correspondence/{correspondenceId}`]: {
    version: 1,
    occurredAt: '2023-05-18T12:00',
    timeZone: 'UTC',
    direction: 'RECEIVED',
    channel: 'LETTER',
    from: 'Intruder',
    to: 'Counsel',
    subject: 'Overwritten',
  },
  [`POST ${AUDIT_SCOPED}/correspondence/{correspondenceId}/attachments`]: { multipart: [] },
  [`POST ${AUDIT_SCOPED}/copy`]: {
    title: 'Intruder copy',
    referenceCode: 'ISO-COPY',
    receivedOn: '2023-05-25',
    responseDeadline: '2023-06-30T17:00',
    deadlineTimeZone: 'UTC',
  },
  [`PUT ${AUDIT_SCOPED}/provisions/order`]: { ids: [ids.provisionId] },
  [`PUT ${AUDIT_SCOPED}/subjects/order`]: { ids: [ids.subjectId] },
  [`PUT ${AUDIT_SCOPED}/requests/order`]: { ids: [ids.requestId] },
  [`POST ${AUDIT_SCOPED}/request-templates`]: { name: 'Intruder template' },
  [`POST ${AUDIT_SCOPED}/response-submissions`]: { note: 'Intruder' },
  [`POST ${AUDIT_SCOPED}/response-submissions/{version}/certification`]: {
    signerName: 'Intruder',
    signerTitle: 'Officer',
    signerEntity: 'Intruder Ltd',
    password: 'guess',
  },
  [`POST ${AUDIT_SCOPED}/response-submissions/{version}/certification/scan`]: {
    multipart: [
      ['signerName', 'Intruder'],
      ['signerTitle', 'Officer'],
      ['signerEntity', 'Intruder Ltd'],
    ],
  },
  [`POST ${AUDIT_SCOPED}/documents`]: {
    multipart: [
      ['kind', 'AGREEMENT'],
      ['title', 'Intruder document'],
    ],
  },
});
