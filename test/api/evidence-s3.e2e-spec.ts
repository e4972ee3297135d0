// ts-jest compiles one file at a time: it needs the ambient declaration of s3rver named here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/s3rver.d.ts" />
// The evidence API on the S3 driver, against an in-process S3-compatible server (s3rver):
// the same upload, download, range, verify and clean-failure behaviour as on the local disk.
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { createTestApp, type TestApp } from '../support/app';
import { type Agent, expectProblem, login, newAuditViaApi, newUser } from '../support/factories';
import { multipart } from '../support/multipart';
import { sha256 } from '../support/bytes';

const BUCKET = 'auditdesk-e2e';
const MAX_BYTES = 64 * 1024;

describe('evidence on the S3 driver', () => {
  let server: S3rver;
  let directory: string;
  let s3: S3Client;
  let t: TestApp;
  let agent: Agent;
  let auditId: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'auditdesk-s3rver-api-'));
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    t = await createTestApp({
      env: {
        STORAGE_DRIVER: 's3',
        S3_BUCKET: BUCKET,
        S3_ENDPOINT: endpoint,
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: credentials.accessKeyId,
        S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        S3_FORCE_PATH_STYLE: true,
        EVIDENCE_MAX_BYTES: MAX_BYTES,
      },
    });
    agent = await login(t.http, (await newUser(t.prisma, { label: 'ev-s3' })).email);
    auditId = (await newAuditViaApi(agent)).id;
  });
  afterAll(async () => {
    await t.close();
    s3.destroy();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const keys = async () =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();
  const upload = (title: string, content: Buffer, fileName = 'file.bin') => {
    const form = multipart([['title', title]], { fileName, content });
    return agent.post(`/api/audits/${auditId}/evidence/files`).set('Content-Type', form.contentType).send(form.body);
  };
  const download = (id: string, range?: string) => {
    const req = agent.get(`/api/audits/${auditId}/evidence/${id}/versions/1/content`);
    if (range) req.set('Range', range);
    return req.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  };

  it('uploads under the content key, once per content, and downloads whole and in ranges', async () => {
    const content = randomBytes(40_000);
    const first = await upload('First', content);
    const second = await upload('Second', content);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.currentVersion).toMatchObject({ sha256: sha256(content), sizeBytes: content.length });
    expect(await keys()).toEqual([`sha256/${sha256(content)}`]);

    const whole = await download(first.body.id);
    expect(Buffer.compare(whole.body, content)).toBe(0);
    const part = await download(second.body.id, 'bytes=1000-1999');
    expect(part.status).toBe(206);
    expect(Buffer.compare(part.body, content.subarray(1000, 2000))).toBe(0);
  });

  it('verifies against the bucket: MATCH, then MISMATCH when the object is replaced', async () => {
    const content = Buffer.from('minutes kept in the bucket\n');
    const created = await upload('Minutes', content, 'minutes.txt');
    const verify = () => agent.post(`/api/audits/${auditId}/evidence/${created.body.id}/versions/1/verify`);
    expect((await verify()).body.result).toBe('MATCH');
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `sha256/${sha256(content)}`, Body: 'forged minutes\n' }));
    expect((await verify()).body).toMatchObject({
      result: 'MISMATCH',
      actualSha256: sha256(Buffer.from('forged minutes\n')),
    });
  });

  it('refuses a file over the limit with 413 and leaves no object behind', async () => {
    const before = await keys();
    expectProblem(await upload('Too big', randomBytes(MAX_BYTES + 1)), 413, 'PAYLOAD_TOO_LARGE', ['file']);
    expect(await keys()).toEqual(before);
  });
});
