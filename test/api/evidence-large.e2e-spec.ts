// Large evidence uploads end to end: the real API on PostgreSQL, files on the real file system.
// Many chunks through every stage of the upload (each buffering up to PUT_HIGH_WATER_MARK): the
// hash recorded at intake must be the hash of the bytes stored, and a failed upload must leave
// nothing.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalBlobStore, PUT_HIGH_WATER_MARK } from '@app/storage';
import { createTestApp, type TestApp } from '../support/app';
import { type Agent, expectProblem, login, newAuditViaApi, newUser } from '../support/factories';
import { multipart } from '../support/multipart';
import { blobFilesIn, tmpFilesIn } from '../support/storage-dir';
import { sha256 } from '../support/bytes';

const LARGE = 16 * PUT_HIGH_WATER_MARK;
const MAX_BYTES = LARGE + 8 * 1024 * 1024;

describe('large evidence uploads', () => {
  let t: TestApp;
  let storageDir: string;
  let store: LocalBlobStore;
  let agent: Agent;
  let cookie: string;
  let port: number;
  let auditId: string;

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-evidence-large-'));
    store = new LocalBlobStore(storageDir);
    t = await createTestApp({
      env: { STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir, EVIDENCE_MAX_BYTES: MAX_BYTES },
    });
    agent = await login(t.http, (await newUser(t.prisma, { label: 'ev-large' })).email);
    auditId = (await newAuditViaApi(agent)).id;
    cookie = (await agent.get('/api/auth/me')).request.cookies;
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const blobFiles = () => blobFilesIn(storageDir);
  const tmpFiles = () => tmpFilesIn(storageDir);

  /** Starts a POST of the form with its full length declared; the caller writes the body. */
  function post(contentType: string, length: number) {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/audits/${auditId}/evidence/files`,
      headers: { 'Content-Type': contentType, 'Content-Length': length, Cookie: cookie },
    });
    const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
          }),
        );
      });
      req.on('error', reject);
    });
    return { req, answer };
  }

  it('records the SHA-256 of exactly the bytes stored for an upload sent in many uneven chunks', async () => {
    const content = randomBytes(LARGE + 3 * 1024 * 1024 + 5);
    const form = multipart([['title', 'Server logs']], { fileName: 'logs.bin', content });
    const { req, answer } = post(form.contentType, form.body.length);
    // Uneven writes, so the parser and the hash see chunks of every size and alignment.
    const sizes = [1, 7, 65_537, 1_000_003, 3 * 1024 * 1024 + 1];
    for (let offset = 0, i = 0; offset < form.body.length; i++) {
      const end = Math.min(form.body.length, offset + sizes[i % sizes.length]);
      if (!req.write(form.body.subarray(offset, end))) await new Promise((resolve) => req.once('drain', resolve));
      offset = end;
    }
    req.end();
    const res = await answer;
    expect(res.status).toBe(201);
    const version = res.body.currentVersion as { sha256: string; sizeBytes: number };
    expect(version).toMatchObject({ sha256: sha256(content), sizeBytes: content.length });
    // The stored file, read back independently of the API, is those bytes.
    const stored = readFileSync(store.pathOf(`sha256/${version.sha256}`));
    expect(sha256(stored)).toBe(version.sha256);
    expect(Buffer.compare(stored, content)).toBe(0);
    expect(tmpFiles()).toEqual([]);
  });

  it('an upload cut off after most of its bytes leaves no record, no file and no temporary file', async () => {
    const before = await t.prisma.evidence.count({ where: { auditId } });
    const blobsBefore = blobFiles().length;
    const form = multipart([['title', 'Interrupted']], {
      fileName: 'cut.bin',
      content: randomBytes(LARGE + 2 * 1024 * 1024),
    });
    const { req, answer } = post(form.contentType, form.body.length);
    // The request fails here by design ("socket hang up" once it is cut off).
    answer.catch(() => undefined);
    const sent = LARGE + 1024 * 1024;
    for (let offset = 0; offset < sent; offset += 1024 * 1024) {
      if (!req.write(form.body.subarray(offset, Math.min(sent, offset + 1024 * 1024))))
        await new Promise((resolve) => req.once('drain', resolve));
    }
    await waitFor(() => tmpFiles().length > 0, 'a temporary upload file to appear');
    req.destroy();
    await waitFor(() => tmpFiles().length === 0, 'the temporary upload file to be removed');
    expect(await t.prisma.evidence.count({ where: { auditId } })).toBe(before);
    expect(blobFiles()).toHaveLength(blobsBefore);
  });

  it('refuses a large upload over the limit with 413 naming the field, keeping nothing of it', async () => {
    const before = await t.prisma.evidence.count({ where: { auditId } });
    const blobsBefore = blobFiles().length;
    const form = multipart([['title', 'Too big']], { fileName: 'big.bin', content: randomBytes(MAX_BYTES + 1) });
    const res = await agent
      .post(`/api/audits/${auditId}/evidence/files`)
      .set('Content-Type', form.contentType)
      .send(form.body);
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE', ['file']);
    expect(await t.prisma.evidence.count({ where: { auditId } })).toBe(before);
    expect(blobFiles()).toHaveLength(blobsBefore);
    expect(tmpFiles()).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
