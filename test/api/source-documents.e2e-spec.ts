// The audit's own documents (demand letter, agreement, correspondence): stored like evidence
// files (SHA-256 at intake, the same download headers), listed on the audit but never among
// the evidence, and kept while the audit is under legal hold.
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/app';
import { sha256 } from '../support/bytes';
import {
  addMember,
  type Agent,
  expectProblem,
  login,
  newAuditViaApi,
  newUser,
  type TestUser,
} from '../support/factories';
import { type FilePart, multipart } from '../support/multipart';

const LETTER = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
  randomBytes(4096),
  Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
]);

describe('source documents of an audit', () => {
  let t: TestApp;
  let lead: TestUser;
  let contributor: TestUser;
  let asLead: Agent;
  let asContributor: Agent;
  let auditId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    [lead, contributor] = await Promise.all(['doc-lead', 'doc-contrib'].map((label) => newUser(t.prisma, { label })));
    [asLead, asContributor] = await Promise.all([lead, contributor].map((u) => login(t.http, u.email)));
    auditId = (await newAuditViaApi(asLead)).id;
    await addMember(asLead, auditId, contributor, 'CONTRIBUTOR');
  });
  afterAll(() => t.close());

  const base = () => `/api/audits/${auditId}/documents`;
  const upload = (fields: [string, string][], file?: FilePart, as = asLead) => {
    const form = multipart(fields, file);
    return as.post(base()).set('Content-Type', form.contentType).send(form.body);
  };
  const download = (documentId: string, as = asLead) =>
    as
      .get(`${base()}/${documentId}/content`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  it('stores the demand letter with the SHA-256 of its bytes and gives the same bytes back', async () => {
    const res = await upload(
      [
        ['kind', 'DEMAND_LETTER'],
        ['title', 'Demand letter of 16 May 2023'],
        ['documentDate', '2023-05-16'],
      ],
      { fileName: 'Demand letter.pdf', content: LETTER, contentType: 'application/pdf' },
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      kind: 'DEMAND_LETTER',
      title: 'Demand letter of 16 May 2023',
      description: null,
      documentDate: '2023-05-16',
      file: expect.objectContaining({
        number: 1,
        fileName: 'Demand letter.pdf',
        mediaType: 'application/pdf',
        sizeBytes: LETTER.length,
        sha256: sha256(LETTER),
        uploadedBy: { id: lead.id, name: lead.name },
      }),
      downloadUrl: `/api/audits/${auditId}/documents/${res.body.id}/content`,
      createdBy: { id: lead.id, name: lead.name },
      createdAt: expect.any(String),
    });

    const got = await download(res.body.id, asContributor);
    expect(got.status).toBe(200);
    expect(sha256(got.body as Buffer)).toBe(sha256(LETTER));
    expect(got.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Demand letter.pdf"; filename*=UTF-8''Demand%20letter.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      etag: `"sha256-${sha256(LETTER)}"`,
    });

    const events = (await asLead.get(`/api/audits/${auditId}/activity`).query({ pageSize: '500' })).body.items as {
      entityType: string;
      entityId: string;
      action: string;
    }[];
    expect(events.filter((e) => e.entityId === res.body.id).map((e) => [e.entityType, e.action])).toEqual([
      ['source_document', 'downloaded'],
      ['source_document', 'uploaded'],
    ]);
  });

  it('lists the documents of the audit by kind, and never among the evidence', async () => {
    const agreement = await upload(
      [
        ['kind', 'AGREEMENT'],
        ['title', 'Master Agreement v5'],
      ],
      {
        fileName: 'agreement.txt',
        content: Buffer.from('MASTER AGREEMENT\nSection 14: audit rights.\n'),
      },
    );
    expect(agreement.status).toBe(201);

    const all = await asContributor.get(base());
    expect(all.status).toBe(200);
    expect(all.body.map((d: { kind: string }) => d.kind)).toEqual(['DEMAND_LETTER', 'AGREEMENT']);
    const agreements = await asLead.get(base()).query({ kind: 'AGREEMENT' });
    expect(agreements.body.map((d: { title: string }) => d.title)).toEqual(['Master Agreement v5']);

    const evidence = await asLead.get(`/api/audits/${auditId}/evidence`);
    expect(evidence.body.total).toBe(0);
    expectProblem(await asLead.get(`/api/audits/${auditId}/evidence/${agreement.body.id}`), 404, 'NOT_FOUND');
  });

  it('refuses a bad kind or a missing title by name, before storing anything, and contributors with 403', async () => {
    const badKind = await upload(
      [
        ['kind', 'INVOICE'],
        ['title', 'x'],
      ],
      { fileName: 'x.txt', content: Buffer.from('x') },
    );
    expectProblem(badKind, 400, 'VALIDATION_FAILED', ['kind']);
    expect(badKind.body.detail).toContain('kind must be one of DEMAND_LETTER, AGREEMENT, OTHER');
    const noTitle = await upload([['kind', 'OTHER']], { fileName: 'x.txt', content: Buffer.from('x') });
    expectProblem(noTitle, 400, 'VALIDATION_FAILED', ['title']);
    const noFile = await upload([
      ['kind', 'OTHER'],
      ['title', 'Cover email'],
    ]);
    expectProblem(noFile, 400, 'VALIDATION_FAILED', ['file']);

    const byContributor = await upload(
      [
        ['kind', 'OTHER'],
        ['title', 'x'],
      ],
      { fileName: 'x.txt', content: Buffer.from('x') },
      asContributor,
    );
    expectProblem(byContributor, 403, 'FORBIDDEN');
    expect((await asLead.get(base())).body).toHaveLength(2);
  });

  it('refuses deletion under legal hold (409) and deletes once the hold is lifted', async () => {
    const doc = await upload(
      [
        ['kind', 'OTHER'],
        ['title', 'Extension email'],
      ],
      {
        fileName: 'email.eml',
        content: Buffer.from('Subject: extension\n\nGranted.\n'),
      },
    );
    expect(
      (await asLead.put(`/api/audits/${auditId}/legal-hold`).send({ reason: 'Litigation notice LN-9' })).status,
    ).toBe(200);

    const refused = await asLead.delete(`${base()}/${doc.body.id}`);
    expectProblem(refused, 409, 'CONFLICT');
    expect(refused.body.detail).toContain('this source document cannot be deleted');
    expect(refused.body.legalHold).toMatchObject({ reason: 'Litigation notice LN-9' });
    expect((await asLead.get(`${base()}/${doc.body.id}`)).status).toBe(200);

    expect((await asLead.delete(`/api/audits/${auditId}/legal-hold`).send({ reason: 'Released' })).status).toBe(200);
    expect((await asLead.delete(`${base()}/${doc.body.id}`)).status).toBe(204);
    expectProblem(await asLead.get(`${base()}/${doc.body.id}`), 404, 'NOT_FOUND');
    expectProblem(await asLead.get(`${base()}/${doc.body.id}/content`), 404, 'NOT_FOUND');
  });
});
