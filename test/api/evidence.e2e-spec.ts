// Evidence records end to end: the real API on PostgreSQL, files on the real file system
// under a temporary storage directory.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { BlobStore, LocalBlobStore } from '@app/storage';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  grid,
  login,
  newAuditViaApi,
  newUser,
  type TestUser,
} from '../support/factories';
import { type FilePart, multipart } from '../support/multipart';
import { blobFilesIn, tmpFilesIn } from '../support/storage-dir';
import { sha256 } from '../support/bytes';

const MAX_BYTES = 256 * 1024;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('evidence', () => {
  let t: TestApp;
  let storageDir: string;
  let store: LocalBlobStore;
  let lead: TestUser;
  let agent: Agent;
  let auditId: string;
  let responseIds: string[];

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-evidence-'));
    store = new LocalBlobStore(storageDir);
    t = await createTestApp({
      now: '2023-05-25T12:00:00Z',
      env: { STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir, EVIDENCE_MAX_BYTES: MAX_BYTES },
    });
    lead = await newUser(t.prisma, { label: 'ev-lead' });
    agent = await login(t.http, lead.email);
    auditId = (await newAuditViaApi(agent)).id;
    await addSubject(agent, auditId);
    await addRequest(agent, auditId);
    await addRequest(agent, auditId);
    responseIds = (await grid(agent, auditId)).map((c) => c.id);
  });
  afterAll(async () => {
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const base = (id = auditId) => `/api/audits/${id}/evidence`;

  function upload(as: Agent, url: string, fields: [string, string][], file?: FilePart) {
    const form = multipart(fields, file);
    return as.post(url).set('Content-Type', form.contentType).send(form.body);
  }
  const uploadFile = (fields: [string, string][], file: FilePart, as = agent, auditIdOverride?: string) =>
    upload(as, `${base(auditIdOverride)}/files`, fields, file);
  const download = (evidenceId: string, number: number, as = agent) =>
    as
      .get(`${base()}/${evidenceId}/versions/${number}/content`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const activity = async (id = auditId) =>
    (await agent.get(`/api/audits/${id}/activity`).query({ pageSize: '500' })).body.items as {
      action: string;
      entityId: string;
      changes: Record<string, { after: unknown }>;
    }[];
  const blobFiles = () => blobFilesIn(storageDir);
  const tmpFiles = () => tmpFilesIn(storageDir);

  it('uploads a file with its metadata, hashing it on the way in and sniffing its type', async () => {
    const res = await uploadFile(
      [
        ['title', 'Licence inventory export'],
        ['description', 'Export of the licence server'],
        ['custodian', 'Dana Ops'],
        ['sourceSystem', 'FlexLM'],
        ['collectedOn', '2023-05-20'],
        ['confidentiality', 'HIGHLY_CONFIDENTIAL'],
        ['tags', 'licences'],
        ['tags', 'q2'],
        ['responseIds', responseIds[0]],
      ],
      { fileName: 'inventory.pdf', content: PDF, contentType: 'text/plain' },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'FILE',
      title: 'Licence inventory export',
      custodian: 'Dana Ops',
      sourceSystem: 'FlexLM',
      collectedOn: '2023-05-20',
      confidentiality: 'HIGHLY_CONFIDENTIAL',
      tags: ['licences', 'q2'],
      createdBy: { id: lead.id },
      versionCount: 1,
      integrityAlert: false,
      responseIds: [responseIds[0]],
      currentVersion: {
        number: 1,
        fileName: 'inventory.pdf',
        mediaType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: sha256(PDF),
        uploadedBy: { id: lead.id },
        lastVerification: null,
      },
    });
    expect(blobFiles()).toContain(sha256(PDF));
    const events = await activity();
    expect(events.find((e) => e.entityId === res.body.id && e.action === 'uploaded')?.changes.sha256.after).toBe(
      sha256(PDF),
    );
  });

  it('records LINK and NOTE evidence, links and unlinks responses, and lists by response', async () => {
    const link = await agent.post(base()).send({
      kind: 'LINK',
      title: 'Jira export',
      url: 'https://jira.example.com/browse/LIC-1',
      responseIds: [responseIds[1]],
    });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({
      kind: 'LINK',
      url: 'https://jira.example.com/browse/LIC-1',
      currentVersion: null,
      responseIds: [responseIds[1]],
    });
    const note = await agent
      .post(base())
      .send({ kind: 'NOTE', title: 'Statement of the IT lead', body: 'We run 12 seats.' });
    expect(note.status).toBe(201);

    expectProblem(await agent.post(base()).send({ kind: 'LINK', title: 'No url' }), 400, 'VALIDATION_FAILED', ['url']);
    expectProblem(await agent.post(base()).send({ kind: 'NOTE', title: 'No body' }), 400, 'VALIDATION_FAILED', [
      'body',
    ]);
    expectProblem(await agent.post(base()).send({ kind: 'FILE', title: 'Not here' }), 400, 'VALIDATION_FAILED', [
      'kind',
    ]);

    const linked = await agent.post(`${base()}/${note.body.id}/responses`).send({ responseId: responseIds[1] });
    expect(linked.status).toBe(201);
    expect(linked.body.responseIds).toEqual([responseIds[1]]);

    const byResponse = await agent.get(`/api/audits/${auditId}/responses/${responseIds[1]}/evidence`);
    expect(byResponse.status).toBe(200);
    expect(byResponse.body.items.map((e: { id: string }) => e.id).sort()).toEqual([link.body.id, note.body.id].sort());
    const filtered = await agent.get(base()).query({ responseId: responseIds[1], kind: 'NOTE' });
    expect(filtered.body.items.map((e: { id: string }) => e.id)).toEqual([note.body.id]);

    expect((await agent.delete(`${base()}/${note.body.id}/responses/${responseIds[1]}`)).status).toBe(204);
    const after = await agent.get(`/api/audits/${auditId}/responses/${responseIds[1]}/evidence`);
    expect(after.body.items.map((e: { id: string }) => e.id)).toEqual([link.body.id]);
    const actions = (await activity()).filter((e) => e.entityId === note.body.id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['created', 'linked', 'unlinked']));

    const otherAudit = await newAuditViaApi(agent);
    await addSubject(agent, otherAudit.id);
    await addRequest(agent, otherAudit.id);
    const [foreign] = await grid(agent, otherAudit.id);
    expectProblem(
      await agent.post(`${base()}/${note.body.id}/responses`).send({ responseId: foreign.id }),
      422,
      'RULE_VIOLATION',
      ['responseIds'],
    );
  });

  it('downloads the exact bytes with type and disposition, and serves ranges (206, 416)', async () => {
    const content = randomBytes(5000);
    const created = await uploadFile([['title', 'Random blob']], { fileName: 'Übersicht (final).bin', content });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const full = await download(id, 1);
    expect(full.status).toBe(200);
    expect(Buffer.compare(full.body, content)).toBe(0);
    expect(full.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-length': '5000',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="_bersicht (final).bin"; filename*=UTF-8''%C3%9Cbersicht%20%28final%29.bin`,
    });

    const part = await download(id, 1).set('Range', 'bytes=100-199');
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/5000');
    expect(Buffer.compare(part.body, content.subarray(100, 200))).toBe(0);

    const tail = await download(id, 1).set('Range', 'bytes=-10');
    expect(tail.status).toBe(206);
    expect(Buffer.compare(tail.body, content.subarray(4990))).toBe(0);

    const past = await agent.get(`${base()}/${id}/versions/1/content`).set('Range', 'bytes=5000-');
    expectProblem(past, 416, 'RANGE_NOT_SATISFIABLE');
    expect(past.headers['content-range']).toBe('bytes */5000');

    const downloads = (await activity()).filter((e) => e.entityId === id && e.action === 'downloaded');
    // One download: the ranges from the middle and the end are continuations, not new downloads.
    expect(downloads).toHaveLength(1);
  });

  it('answers HEAD with the download headers but records no download', async () => {
    const content = Buffer.from('headers only, please\n');
    const created = await uploadFile([['title', 'Head check']], { fileName: 'head.txt', content });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const downloads = async () => (await activity()).filter((e) => e.entityId === id && e.action === 'downloaded');

    const head = await agent.head(`${base()}/${id}/versions/1/content`);
    expect(head.status).toBe(200);
    expect(head.headers).toMatchObject({ 'content-length': String(content.length), 'accept-ranges': 'bytes' });
    expect(head.headers['content-disposition']).toContain('head.txt');
    expect(await downloads()).toHaveLength(0);

    const full = await download(id, 1);
    expect(Buffer.compare(full.body, content)).toBe(0);
    expect(await downloads()).toHaveLength(1);
  });

  it('keeps earlier versions downloadable when a new version is uploaded', async () => {
    const v1 = Buffer.from('first draft of the statement\n');
    const v2 = Buffer.from('signed statement, final\n');
    const created = await uploadFile([['title', 'Statement']], { fileName: 'statement.txt', content: v1 });
    const id = created.body.id;
    const second = await upload(agent, `${base()}/${id}/versions`, [], {
      fileName: 'statement-signed.txt',
      content: v2,
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      number: 2,
      fileName: 'statement-signed.txt',
      mediaType: 'text/plain',
      sha256: sha256(v2),
    });

    const versions = await agent.get(`${base()}/${id}/versions`);
    expect(versions.body.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(Buffer.compare((await download(id, 1)).body, v1)).toBe(0);
    expect(Buffer.compare((await download(id, 2)).body, v2)).toBe(0);
    expect((await agent.get(`${base()}/${id}`)).body).toMatchObject({ versionCount: 2, currentVersion: { number: 2 } });
    expect((await activity()).some((e) => e.entityId === id && e.action === 'version_uploaded')).toBe(true);

    const link = await agent.post(base()).send({ kind: 'LINK', title: 'A link', url: 'https://example.com' });
    expectProblem(
      await upload(agent, `${base()}/${link.body.id}/versions`, [], { fileName: 'x.txt', content: v2 }),
      422,
      'RULE_VIOLATION',
    );
  });

  it('verifies a version: MATCH, then MISMATCH once the stored file is tampered with, loudly', async () => {
    const content = Buffer.from('board minutes, 2023-05-01\n');
    const created = await uploadFile([['title', 'Minutes']], { fileName: 'minutes.txt', content });
    const id = created.body.id;
    const ok = await agent.post(`${base()}/${id}/versions/1/verify`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ result: 'MATCH', expectedSha256: sha256(content), actualSha256: sha256(content) });

    writeFileSync(store.pathOf(`sha256/${sha256(content)}`), 'board minutes, 2023-05-02\n');
    const bad = await agent.post(`${base()}/${id}/versions/1/verify`);
    expect(bad.body).toMatchObject({
      result: 'MISMATCH',
      expectedSha256: sha256(content),
      actualSha256: sha256(Buffer.from('board minutes, 2023-05-02\n')),
    });

    const record = await agent.get(`${base()}/${id}`);
    expect(record.body).toMatchObject({
      integrityAlert: true,
      currentVersion: { lastVerification: 'MISMATCH', integrityAlert: true },
    });
    expect((await activity()).filter((e) => e.entityId === id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['integrity_verified', 'integrity_failed']),
    );
  });

  it('verifies a version whose stored file is gone: MISSING, an alert, and an integrity_failed event', async () => {
    const content = Buffer.from(`signed order form ${randomBytes(8).toString('hex')}\n`);
    const created = await uploadFile([['title', 'Order form']], { fileName: 'order.txt', content });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const stored = store.pathOf(`sha256/${sha256(content)}`);
    expect(existsSync(stored)).toBe(true);
    rmSync(stored);

    const res = await agent.post(`${base()}/${id}/versions/1/verify`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      versionId: created.body.currentVersion.id,
      result: 'MISSING',
      expectedSha256: sha256(content),
      actualSha256: null,
      verifiedAt: '2023-05-25T12:00:00.000Z',
    });

    const record = await agent.get(`${base()}/${id}`);
    expect(record.body).toMatchObject({
      integrityAlert: true,
      currentVersion: {
        lastVerification: 'MISSING',
        lastVerifiedAt: '2023-05-25T12:00:00.000Z',
        integrityAlert: true,
      },
    });
    const versions = await agent.get(`${base()}/${id}/versions`);
    expect(versions.body.map((v: { lastVerification: string }) => v.lastVerification)).toEqual(['MISSING']);

    const events = (await activity()).filter((e) => e.entityId === id && e.action.startsWith('integrity_'));
    expect(events.map((e) => [e.action, e.changes.result.after, e.changes.actualSha256.after])).toEqual([
      ['integrity_failed', 'MISSING', null],
    ]);
  });

  it('stores identical content once, however many records point to it', async () => {
    const content = Buffer.from(`identical content ${randomBytes(8).toString('hex')}\n`);
    const a = await uploadFile([['title', 'Copy A']], { fileName: 'a.txt', content });
    const b = await uploadFile([['title', 'Copy B']], { fileName: 'b.txt', content });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.currentVersion.sha256).toBe(b.body.currentVersion.sha256);
    expect(blobFiles().filter((name) => name === sha256(content))).toHaveLength(1);
    expect(Buffer.compare((await download(b.body.id, 1)).body, content)).toBe(0);
  });

  it('keeps hostile file names for display only: never a path, no control characters', async () => {
    const traversal = await uploadFile([['title', 'Traversal']], {
      fileName: '../../etc/passwd',
      content: Buffer.from('root:x:0:0\n'),
    });
    expect(traversal.status).toBe(201);
    expect(traversal.body.currentVersion.fileName).toBe('passwd');
    expect(existsSync(path.join(storageDir, '..', 'etc'))).toBe(false);

    const control = await uploadFile([['title', 'Control']], {
      fileName: 'repo\u0007rt\u001b[31m\u202Efdp.exe\r\n',
      extended: true,
      content: Buffer.from('text\n'),
    });
    expect(control.status).toBe(201);
    expect(control.body.currentVersion.fileName).toBe('report[31mfdp.exe');
    const res = await download(control.body.id, 1);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="report[31mfdp.exe"; filename*=UTF-8''report%5B31mfdp.exe`,
    );
    // Raw control characters in the part header itself are not valid multipart: a clear 400.
    const raw = await uploadFile([['title', 'Raw']], { fileName: 'a\u0007b.txt', content: Buffer.from('x') });
    expectProblem(raw, 400, 'VALIDATION_FAILED', ['file']);
  });

  it('refuses an empty file, naming the field, and keeps nothing of it', async () => {
    const before = await t.prisma.evidence.count({ where: { auditId } });
    const res = await uploadFile(
      [
        ['title', 'Empty'],
        ['responseIds', responseIds[0]],
      ],
      {
        fileName: 'empty.txt',
        content: Buffer.alloc(0),
      },
    );
    expectProblem(res, 400, 'VALIDATION_FAILED', ['file']);
    expect(res.body.detail).toBe('The file is empty (0 bytes): choose the file again, or the right one.');
    expect(await t.prisma.evidence.count({ where: { auditId } })).toBe(before);
    expect(blobFiles()).not.toContain(sha256(Buffer.alloc(0)));
    expect(tmpFiles()).toEqual([]);
  });

  it('says a file is already there when the same bytes are uploaded again to the same response, even twice at once', async () => {
    const content = Buffer.from(`retention schedule ${randomBytes(8).toString('hex')}\n`);
    const first = await uploadFile(
      [
        ['title', 'Retention schedule'],
        ['responseIds', responseIds[1]],
      ],
      {
        fileName: 'retention.txt',
        content,
      },
    );
    expect(first.status).toBe(201);
    const again = await uploadFile(
      [
        ['title', 'Retention (copy)'],
        ['responseIds', responseIds[1]],
      ],
      {
        fileName: 'retention-copy.txt',
        content,
      },
    );
    expectProblem(again, 409, 'DUPLICATE', ['file']);
    expect(again.body.detail).toBe(
      'This file is already evidence of this response, as "Retention schedule"; nothing was added.',
    );
    expect(again.body.existingEvidence).toEqual({ id: first.body.id, title: 'Retention schedule' });
    // The same bytes for another response are new evidence there (stored once all the same).
    const elsewhere = await uploadFile(
      [
        ['title', 'Retention schedule'],
        ['responseIds', responseIds[0]],
      ],
      {
        fileName: 'retention.txt',
        content,
      },
    );
    expect(elsewhere.status).toBe(201);
    expect(blobFiles().filter((name) => name === sha256(content))).toHaveLength(1);

    // Two identical uploads at the same moment: one is recorded, the other told it is there.
    const twin = Buffer.from(`twin ${randomBytes(8).toString('hex')}\n`);
    const both = await Promise.all(
      ['Twin A', 'Twin B'].map((title) =>
        uploadFile(
          [
            ['title', title],
            ['responseIds', responseIds[1]],
          ],
          { fileName: 'twin.txt', content: twin },
        ),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await t.prisma.evidenceVersion.count({ where: { sha256: sha256(twin) } })).toBe(1);
  });

  it('types an executable named .pdf by its content, not as a PDF', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
      randomBytes(200),
    ]);
    const res = await uploadFile([['title', 'Invoice']], {
      fileName: 'invoice.pdf',
      content: exe,
      contentType: 'application/pdf',
    });
    expect(res.status).toBe(201);
    expect(res.body.currentVersion).toMatchObject({ fileName: 'invoice.pdf', mediaType: 'application/x-msdownload' });
    const got = await download(res.body.id, 1);
    expect(got.headers['content-type']).toBe('application/x-msdownload');
    expect(got.headers['content-disposition']).toMatch(/^attachment;/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a file over the size limit with 413, leaving no record and no file', async () => {
    const before = await t.prisma.evidence.count({ where: { auditId } });
    const blobsBefore = blobFiles().length;
    const res = await uploadFile([['title', 'Too big']], { fileName: 'big.bin', content: randomBytes(MAX_BYTES + 1) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE', ['file']);
    expect(res.body.detail).toContain(String(MAX_BYTES));
    expect(await t.prisma.evidence.count({ where: { auditId } })).toBe(before);
    expect(blobFiles()).toHaveLength(blobsBefore);
    expect(tmpFiles()).toEqual([]);
    // Exactly at the limit is fine.
    expect(
      (await uploadFile([['title', 'Just fits']], { fileName: 'fits.bin', content: randomBytes(MAX_BYTES) })).status,
    ).toBe(201);
  });

  it('refuses bad metadata before storing the file, naming the field', async () => {
    const blobsBefore = blobFiles().length;
    const res = await uploadFile(
      [
        ['title', ''],
        ['confidentiality', 'SECRET'],
      ],
      { fileName: 'x.bin', content: randomBytes(1000) },
    );
    expectProblem(res, 400, 'VALIDATION_FAILED', ['confidentiality', 'title']);
    const unknown = await uploadFile(
      [
        ['title', 'x'],
        ['colour', 'red'],
      ],
      { fileName: 'x.bin', content: randomBytes(1000) },
    );
    expectProblem(unknown, 400, 'VALIDATION_FAILED', ['colour']);
    expectProblem(await upload(agent, `${base()}/files`, [['title', 'No file']]), 400, 'VALIDATION_FAILED', ['file']);
    const late = multipart([['title', 'Late tag']], { fileName: 'late.bin', content: randomBytes(1000) }, [
      ['tags', 'late'],
    ]);
    expectProblem(
      await agent.post(`${base()}/files`).set('Content-Type', late.contentType).send(late.body),
      400,
      'VALIDATION_FAILED',
      ['tags'],
    );
    expect(blobFiles()).toHaveLength(blobsBefore);
    expect(tmpFiles()).toEqual([]);
  });

  it('never records a version whose shared stored file a failed upload of the same content removed meanwhile', async () => {
    // Two uploads of the same bytes share one stored file. Here this upload's put finds the
    // file already stored (by a concurrent upload), and that other upload then fails and
    // removes it before this one records: recording must notice instead of pointing at nothing.
    const content = randomBytes(3000);
    const appStore = t.app.get(BlobStore);
    const realPut = appStore.put.bind(appStore);
    const put = jest.spyOn(appStore, 'put').mockImplementationOnce(async (source, options) => {
      const blob = await realPut(source, options);
      await appStore.delete(blob.key);
      return { ...blob, created: false };
    });
    try {
      const res = await uploadFile([['title', 'Raced upload']], { fileName: 'raced.bin', content });
      expectProblem(res, 409, 'CONFLICT');
      expect(res.body.detail).toContain('Upload it again');
    } finally {
      put.mockRestore();
    }
    expect(await t.prisma.evidence.count({ where: { auditId, title: 'Raced upload' } })).toBe(0);
    expect(await t.prisma.evidenceVersion.count({ where: { sha256: sha256(content) } })).toBe(0);

    // Uploaded again, it is stored and recorded.
    const again = await uploadFile([['title', 'Raced upload']], { fileName: 'raced.bin', content });
    expect(again.status).toBe(201);
    expect(Buffer.compare((await download(again.body.id, 1)).body, content)).toBe(0);
  });

  it('a failed upload never removes a stored file that a produced volume also holds', async () => {
    // Storage is content-addressed, so a volume's ZIP (or a submitted package) and an uploaded
    // file with the same bytes share one stored file. Here the upload's put reports that it
    // wrote the file (as when the volume's ZIP is written at the same moment), then recording
    // fails: the clean-up must see that the volume still holds the file.
    const content = randomBytes(2000);
    const zip = await store.put(Readable.from([content]));
    await t.prisma.production.create({
      data: {
        auditId,
        name: 'Shares its bytes',
        batesPrefix: 'SHARED-',
        startNumber: 1,
        padWidth: 6,
        recipient: 'Demanding counsel',
        productionDate: new Date('2023-05-25'),
        deliveryMethod: 'Secure link',
        zipStorageKey: zip.key,
        zipSha256: zip.sha256,
        zipSizeBytes: BigInt(content.length),
      },
    });
    const appStore = t.app.get(BlobStore);
    const realPut = appStore.put.bind(appStore);
    const put = jest
      .spyOn(appStore, 'put')
      .mockImplementationOnce(async (source, options) => ({ ...(await realPut(source, options)), created: true }));
    try {
      const res = await uploadFile(
        [
          ['title', 'Same bytes as a volume'],
          ['responseIds', randomUUID()],
        ],
        {
          fileName: 'volume.zip',
          content,
        },
      );
      expectProblem(res, 422, 'RULE_VIOLATION', ['responseIds']);
    } finally {
      put.mockRestore();
    }
    expect(await store.stat(zip.key)).toEqual({ size: content.length });
  });

  it('an upload cut off mid-stream leaves no record and no file', async () => {
    const before = await t.prisma.evidence.count({ where: { auditId } });
    const blobsBefore = blobFiles().length;
    const form = multipart([['title', 'Interrupted']], { fileName: 'cut.bin', content: randomBytes(200_000) });
    const cookie = (await agent.get('/api/auth/me')).request.cookies;
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `${base()}/files`,
      headers: { 'Content-Type': form.contentType, 'Content-Length': form.body.length, Cookie: cookie },
    });
    req.on('error', () => undefined);
    req.write(form.body.subarray(0, 100_000));
    // Cut the connection once the server is writing the file to storage.
    await waitFor(() => tmpFiles().length > 0, 'a temporary upload file to appear');
    req.destroy();
    await waitFor(() => tmpFiles().length === 0, 'the temporary upload file to be removed');
    expect(await t.prisma.evidence.count({ where: { auditId } })).toBe(before);
    expect(blobFiles()).toHaveLength(blobsBefore);
  });

  it('VIEWERs read and download but cannot upload; non-members get 404', async () => {
    const created = await uploadFile([['title', 'Visible']], { fileName: 'v.txt', content: Buffer.from('visible\n') });
    const viewer = await newUser(t.prisma, { label: 'ev-viewer' });
    await addMember(agent, auditId, viewer, 'VIEWER');
    const viewerAgent = await login(t.http, viewer.email);
    expect((await viewerAgent.get(base())).status).toBe(200);
    expect((await download(created.body.id, 1, viewerAgent)).status).toBe(200);
    expectProblem(
      await uploadFile([['title', 'Nope']], { fileName: 'n.txt', content: Buffer.from('n') }, viewerAgent),
      403,
      'FORBIDDEN',
    );
    expectProblem(await viewerAgent.post(base()).send({ kind: 'NOTE', title: 'Nope', body: 'x' }), 403, 'FORBIDDEN');

    const stranger = await login(t.http, (await newUser(t.prisma, { label: 'ev-stranger' })).email);
    expectProblem(await stranger.get(base()), 404, 'NOT_FOUND');
    expectProblem(await stranger.get(`${base()}/${created.body.id}`), 404, 'NOT_FOUND');
    expectProblem(await stranger.get(`${base()}/${created.body.id}/versions/1/content`), 404, 'NOT_FOUND');
    expectProblem(
      await uploadFile([['title', 'Nope']], { fileName: 'n.txt', content: Buffer.from('n') }, stranger),
      404,
      'NOT_FOUND',
    );
  });

  describe('who may change what backs a response', () => {
    // The response rules: who may answer a response may change the evidence backing it; counsel may change all.
    it("refuses a contributor's edits of evidence backing a response they may not answer (403), and allows their own", async () => {
      const [mine, theirs] = responseIds;
      const contributor = await newUser(t.prisma, { label: 'ev-contrib' });
      const counsel = await newUser(t.prisma, { label: 'ev-counsel2' });
      await addMember(agent, auditId, contributor, 'CONTRIBUTOR');
      await addMember(agent, auditId, counsel, 'COUNSEL');
      const cells = await grid(agent, auditId);
      const version = (id: string) => cells.find((c) => c.id === id)!.version;
      const assigned = await agent
        .patch(`/api/audits/${auditId}/responses/${mine}`)
        .send({ version: version(mine), assigneeId: contributor.id });
      expect(assigned.status).toBe(200);
      const asContributor = await login(t.http, contributor.email);
      const asCounsel = await login(t.http, counsel.email);
      const link = async (responseId: string) => {
        const res = await agent.post(base()).send({
          kind: 'LINK',
          title: `Ticket ${responseId}`,
          url: 'https://jira.example.com/A-1',
          responseIds: [responseId],
        });
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      const backingTheirs = await link(theirs);
      const backingMine = await link(mine);

      // The same 403 as their PATCH of that response's answer.
      const answer = await asContributor
        .patch(`/api/audits/${auditId}/responses/${theirs}`)
        .send({ version: version(theirs), answer: 'x' });
      expectProblem(answer, 403, 'FORBIDDEN');
      const refused = [
        await asContributor.patch(`${base()}/${backingTheirs}`).send({ url: 'https://evil.example.com/' }),
        await asContributor.delete(`${base()}/${backingTheirs}/responses/${theirs}`),
        await asContributor.post(`${base()}/${backingMine}/responses`).send({ responseId: theirs }),
        await asContributor
          .post(base())
          .send({ kind: 'NOTE', title: 'Sneaked in', body: 'x', responseIds: [mine, theirs] }),
      ];
      for (const res of refused) expectProblem(res, 403, 'FORBIDDEN');
      expect(await t.prisma.evidence.findUniqueOrThrow({ where: { id: backingTheirs } })).toMatchObject({
        url: 'https://jira.example.com/A-1',
      });
      expect(await t.prisma.evidenceResponse.count({ where: { evidenceId: backingTheirs, responseId: theirs } })).toBe(
        1,
      );
      expect(await t.prisma.evidenceResponse.count({ where: { evidenceId: backingMine, responseId: theirs } })).toBe(0);

      // Their own response's evidence they may change; counsel may change any.
      const edited = await asContributor
        .patch(`${base()}/${backingMine}`)
        .send({ url: 'https://jira.example.com/A-2' });
      expect([edited.status, edited.body.url]).toEqual([200, 'https://jira.example.com/A-2']);
      expect((await asContributor.delete(`${base()}/${backingMine}/responses/${mine}`)).status).toBe(204);
      const byCounsel = await asCounsel
        .patch(`${base()}/${backingTheirs}`)
        .send({ url: 'https://jira.example.com/B-1' });
      expect([byCounsel.status, byCounsel.body.url]).toEqual([200, 'https://jira.example.com/B-1']);
      expect((await asCounsel.delete(`${base()}/${backingTheirs}/responses/${theirs}`)).status).toBe(204);
    });
  });

  describe('an approved answer', () => {
    // An approval covers the evidence the answer rests on: a contributor adding a file to an
    // approved answer left the approval standing over evidence nobody had approved.
    it("keeps its evidence as approved until counsel reopens it (409 for every change, counsel's too); labels may still be corrected", async () => {
      const request = await addRequest(agent, auditId);
      const cell = (await grid(agent, auditId)).find((c) => c.request.id === request.id)!;
      const contributor = await newUser(t.prisma, { label: 'ev-approved' });
      await addMember(agent, auditId, contributor, 'CONTRIBUTOR');
      const asContributor = await login(t.http, contributor.email);
      const respond = (as: Agent, change: Record<string, unknown>) =>
        as.patch(`/api/audits/${auditId}/responses/${cell.id}`).send(change);
      let version = (await respond(agent, { version: cell.version, assigneeId: contributor.id })).body.version;

      const backing = await uploadFile(
        [
          ['title', 'Retention policy'],
          ['responseIds', cell.id],
        ],
        { fileName: 'retention.txt', content: Buffer.from('keep 30 days\n') },
        asContributor,
      );
      expect(backing.status).toBe(201);
      const other = await agent.post(base()).send({ kind: 'NOTE', title: 'Call notes', body: 'Spoke to IT.' });
      version = (await respond(asContributor, { version, answer: 'Kept 30 days.', status: 'IN_REVIEW' })).body.version;
      const approved = await respond(agent, { version, status: 'APPROVED' });
      expect(approved.body.status).toBe('APPROVED');
      version = approved.body.version;

      const refused = [
        await uploadFile(
          [
            ['title', 'Late addition'],
            ['responseIds', cell.id],
          ],
          { fileName: 'late.txt', content: Buffer.from('added after approval\n') },
          asContributor,
        ),
        await asContributor.post(base()).send({ kind: 'NOTE', title: 'Late note', body: 'x', responseIds: [cell.id] }),
        await asContributor.post(`${base()}/${other.body.id}/responses`).send({ responseId: cell.id }),
        await asContributor.delete(`${base()}/${backing.body.id}/responses/${cell.id}`),
        await upload(asContributor, `${base()}/${backing.body.id}/versions`, [], {
          fileName: 'retention-v2.txt',
          content: Buffer.from('keep 90 days\n'),
        }),
        await agent.post(`${base()}/${other.body.id}/responses`).send({ responseId: cell.id }),
      ];
      for (const res of refused) {
        expectProblem(res, 409, 'CONFLICT');
        expect(res.body.detail).toBe(
          'This answer is approved: counsel must reopen it, with a reason, before its evidence changes.',
        );
      }
      // What backs the answer is what was approved: one record, one version.
      const backs = await agent.get(`${base()}`).query({ responseId: cell.id });
      expect(backs.body.items.map((e: { title: string; versionCount: number }) => [e.title, e.versionCount])).toEqual([
        ['Retention policy', 1],
      ]);
      // A label is not what was approved.
      const renamed = await asContributor
        .patch(`${base()}/${backing.body.id}`)
        .send({ title: 'Retention policy 2023' });
      expect(renamed.status).toBe(200);

      const reopened = await respond(agent, {
        version,
        status: 'IN_PROGRESS',
        statusReason: 'The client found a later retention policy.',
      });
      expect(reopened.body.status).toBe('IN_PROGRESS');
      const added = await upload(asContributor, `${base()}/${backing.body.id}/versions`, [], {
        fileName: 'retention-v2.txt',
        content: Buffer.from('keep 90 days\n'),
      });
      expect(added.status).toBe(201);
    });
  });

  describe('legal hold', () => {
    let holdAuditId: string;
    let evidenceId: string;
    let holdResponseId: string;
    let subjectId: string;
    let requestId: string;
    let provisionId: string;

    beforeAll(async () => {
      holdAuditId = (await newAuditViaApi(agent)).id;
      subjectId = (await addSubject(agent, holdAuditId)).id;
      // Cited by nothing: the hold is the only reason its deletion can be refused.
      const provision = await agent
        .post(`/api/audits/${holdAuditId}/provisions`)
        .send({ reference: 'Section 4.2', title: 'Records and audit' });
      expect(provision.status).toBe(201);
      provisionId = provision.body.id;
      requestId = (await addRequest(agent, holdAuditId)).id;
      [{ id: holdResponseId }] = await grid(agent, holdAuditId);
      const created = await uploadFile(
        [
          ['title', 'Held'],
          ['responseIds', holdResponseId],
        ],
        { fileName: 'held.txt', content: Buffer.from('held\n') },
        agent,
        holdAuditId,
      );
      evidenceId = created.body.id;
    });

    it('only lead counsel places it, and a reason is required', async () => {
      const counsel = await newUser(t.prisma, { label: 'ev-counsel' });
      await addMember(agent, holdAuditId, counsel, 'COUNSEL');
      const counselAgent = await login(t.http, counsel.email);
      expectProblem(
        await counselAgent.put(`/api/audits/${holdAuditId}/legal-hold`).send({ reason: 'x' }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await agent.put(`/api/audits/${holdAuditId}/legal-hold`).send({}), 400, 'VALIDATION_FAILED', [
        'reason',
      ]);
    });

    it('blocks every deletion in the audit with 409 naming the hold, until it is lifted', async () => {
      const placed = await agent
        .put(`/api/audits/${holdAuditId}/legal-hold`)
        .send({ reason: 'Litigation notice LN-7' });
      expect(placed.status).toBe(200);
      expect(placed.body).toMatchObject({
        active: true,
        since: '2023-05-25T12:00:00.000Z',
        reason: 'Litigation notice LN-7',
        placedBy: { id: lead.id },
      });
      expectProblem(
        await agent.put(`/api/audits/${holdAuditId}/legal-hold`).send({ reason: 'again' }),
        409,
        'CONFLICT',
      );

      const attempts = [
        agent.delete(`/api/audits/${holdAuditId}/evidence/${evidenceId}`),
        agent.delete(`/api/audits/${holdAuditId}/evidence/${evidenceId}/responses/${holdResponseId}`),
        agent.delete(`/api/audits/${holdAuditId}/subjects/${subjectId}`),
        agent.delete(`/api/audits/${holdAuditId}/requests/${requestId}`),
        agent.delete(`/api/audits/${holdAuditId}/provisions/${provisionId}`),
        agent.delete(`/api/audits/${holdAuditId}`),
      ];
      for (const attempt of attempts) {
        const res = await attempt;
        expectProblem(res, 409, 'CONFLICT');
        expect(res.body.detail).toContain('legal hold since 2023-05-25T12:00:00.000Z (reason: Litigation notice LN-7)');
        expect(res.body.legalHold).toEqual({ since: '2023-05-25T12:00:00.000Z', reason: 'Litigation notice LN-7' });
      }
      // Narrowing a request would drop a response: also a deletion.
      const narrowing = await agent
        .patch(`/api/audits/${holdAuditId}/requests/${requestId}`)
        .send({ appliesToAll: false, subjectIds: [(await addSubject(agent, holdAuditId)).id] });
      expectProblem(narrowing, 409, 'CONFLICT');
      expect((await agent.get(`/api/audits/${holdAuditId}/evidence/${evidenceId}`)).body.responseIds).toEqual([
        holdResponseId,
      ]);
      expect(await t.prisma.subject.count({ where: { id: subjectId } })).toBe(1);
      expect(await t.prisma.provision.count({ where: { id: provisionId } })).toBe(1);
      // Adding still works under hold.
      expect(
        (await agent.post(`/api/audits/${holdAuditId}/evidence`).send({ kind: 'NOTE', title: 'Added', body: 'ok' }))
          .status,
      ).toBe(201);

      // Lifting it says why, and the reason is kept in the log.
      expectProblem(await agent.delete(`/api/audits/${holdAuditId}/legal-hold`), 400, 'VALIDATION_FAILED', ['reason']);
      expectProblem(
        await agent.delete(`/api/audits/${holdAuditId}/legal-hold`).send({ reason: '   ' }),
        400,
        'VALIDATION_FAILED',
        ['reason'],
      );
      const lifted = await agent
        .delete(`/api/audits/${holdAuditId}/legal-hold`)
        .send({ reason: 'Matter settled on 1 June' });
      expect(lifted.body).toMatchObject({ active: false, since: null, reason: null });
      const liftEvent = (await activity(holdAuditId)).find((e) => e.action === 'legal_hold_lifted');
      expect(liftEvent?.changes).toMatchObject({
        legalHoldReason: { before: 'Litigation notice LN-7', after: null },
        liftReason: { before: null, after: 'Matter settled on 1 June' },
      });
      expect((await agent.delete(`/api/audits/${holdAuditId}/evidence/${evidenceId}`)).status).toBe(204);
      expectProblem(await agent.get(`/api/audits/${holdAuditId}/evidence/${evidenceId}`), 404, 'NOT_FOUND');
      expect((await agent.delete(`/api/audits/${holdAuditId}/provisions/${provisionId}`)).status).toBe(204);
      expect(await t.prisma.provision.count({ where: { id: provisionId } })).toBe(0);
      // Soft: the row and its file stay, and the log says who deleted it.
      expect(await t.prisma.evidence.findUnique({ where: { id: evidenceId } })).toMatchObject({ deletedById: lead.id });
      const actions = (await activity(holdAuditId)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['legal_hold_placed', 'legal_hold_lifted', 'deleted']));
    });

    it('ten concurrent lifts clear the hold once: one 200, nine 409, one lifted event', async () => {
      const lifts = async () =>
        (await t.prisma.activityEvent.findMany({ where: { auditId: holdAuditId, action: 'legal_hold_lifted' } }))
          .length;
      const before = await lifts();
      const placed = await agent.put(`/api/audits/${holdAuditId}/legal-hold`).send({ reason: 'Second notice' });
      expect(placed.status).toBe(200);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          agent
            .delete(`/api/audits/${holdAuditId}/legal-hold`)
            .send({ reason: 'Notice withdrawn' })
            .then((r) => r.status),
        ),
      );
      expect(answers.sort()).toEqual([200, ...Array(9).fill(409)]);
      expect(await lifts()).toBe(before + 1);
      expect((await agent.get(`/api/audits/${holdAuditId}/legal-hold`)).body).toMatchObject({ active: false });
    });

    it('without a hold, lead counsel deletes the audit', async () => {
      expect((await agent.delete(`/api/audits/${holdAuditId}`)).status).toBe(204);
      expectProblem(await agent.get(`/api/audits/${holdAuditId}`), 404, 'NOT_FOUND');
    });
  });
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
