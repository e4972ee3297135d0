// Compressed answers end to end: the web UI built by Vite (into a directory of this spec's
// own) and served by the real API, asked for over a real socket so that every byte is the
// one a browser receives; and the API's JSON, compressed on the fly, next to an evidence
// download that must keep its bytes and its ranges.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Logger } from '@nestjs/common';
import { createTestApp, type TestApp } from '../support/app';
import request from 'supertest';
import { addRequest, addSubject, grid, login, newAuditViaApi, newUser, PASSWORD } from '../support/factories';
import { multipart } from '../support/multipart';
import { eventually } from '../support/eventually';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

describe('compressed answers', () => {
  let t: TestApp;
  let webDir: string;
  let port: number;

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-web-build-'));
    const root = path.resolve(__dirname, '../..');
    execFileSync(
      path.join(root, 'node_modules/.bin/vite'),
      ['build', '--config', 'apps/web/vite.config.mts', '--outDir', webDir, '--emptyOutDir', '--logLevel', 'error'],
      // As a release is built, not in Jest's NODE_ENV=test.
      { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
    t = await createTestApp({ webUiDir: webDir });
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    port = (t.http.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  /** A GET whose body is handed back exactly as sent: no client decodes it on the way. */
  const get = (urlPath: string, headers: Record<string, string> = {}) =>
    new Promise<RawAnswer>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });

  /** The entry script and stylesheet index.html names. */
  async function entryAssets(): Promise<{ script: string; stylesheet: string }> {
    const page = await get('/login', { Accept: 'text/html' });
    const html = page.body.toString('utf8');
    return {
      script: /<script type="module" crossorigin src="([^"]+)"/.exec(html)![1],
      stylesheet: /<link rel="stylesheet" crossorigin href="([^"]+)"/.exec(html)![1],
    };
  }
  const builtFile = (urlPath: string) => readFileSync(path.join(webDir, urlPath));

  it('serves the page itself uncached, so a new build is picked up at once', async () => {
    const page = await get('/audits', { Accept: 'text/html', 'Accept-Encoding': 'br, gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body.toString('utf8')).toContain('<div id="root"></div>');
  });

  it('sends the entry script brotli-compressed to a browser that takes br, as a cacheable script', async () => {
    const { script } = await entryAssets();
    const answer = await get(script, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });

    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({
      'content-encoding': 'br',
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(answer.headers.vary).toMatch(/Accept-Encoding/);
    const original = builtFile(script);
    expect(answer.body.length).toBeLessThan(original.length / 3);
    expect(Buffer.compare(brotliDecompressSync(answer.body), original)).toBe(0);
  });

  it('sends gzip to a client that takes only gzip, and the stylesheet as CSS', async () => {
    const { stylesheet } = await entryAssets();
    const answer = await get(stylesheet, { 'Accept-Encoding': 'gzip' });

    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(Buffer.compare(gunzipSync(answer.body), builtFile(stylesheet))).toBe(0);
  });

  it('sends the file itself to a client that takes no compression, still saying the answer varies', async () => {
    const { script } = await entryAssets();
    const asked: Record<string, string>[] = [
      {},
      { 'Accept-Encoding': 'identity' },
      { 'Accept-Encoding': 'br;q=0, gzip;q=0' },
    ];
    for (const headers of asked) {
      const answer = await get(script, headers);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers.vary).toMatch(/Accept-Encoding/);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Buffer.compare(answer.body, builtFile(script))).toBe(0);
    }
  });

  it('lets a browser that leaves before a compressed file arrives go, with no error logged', async () => {
    const { script } = await entryAssets();
    const logged = jest.spyOn(Logger.prototype, 'error');
    let closed = 0;
    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) =>
      req.url === script && res.on('close', () => (closed += 1));
    t.http.on('request', onRequest);
    try {
      // Each asked for and the connection closed at once, as when a person navigates away.
      for (let i = 0; i < 5; i++) {
        const req = http.get({ host: '127.0.0.1', port, path: script, headers: { 'Accept-Encoding': 'br' } });
        req.on('error', () => undefined);
        req.on('finish', () => req.destroy());
      }
      await eventually(
        () => Promise.resolve(closed),
        (n) => n === 5,
      );
      // Express reports the abandoned file on the next turns of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(logged.mock.calls.map(([message]) => String(message))).toEqual([]);
      // And the next browser gets the file.
      expect((await get(script, { 'Accept-Encoding': 'br' })).status).toBe(200);
    } finally {
      t.http.off('request', onRequest);
      logged.mockRestore();
    }
  });

  it('compresses a large JSON answer of the API for a client that takes it', async () => {
    const plain = await get('/api/docs-json');
    const answer = await get('/api/docs-json', { 'Accept-Encoding': 'br' });

    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(brotliDecompressSync(answer.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString()));
  });

  it('leaves an evidence download as stored, whole and in ranges, even when it is JSON', async () => {
    const lead = await newUser(t.prisma, { label: 'gz-lead' });
    const agent = await login(t.http, lead.email);
    const auditId = (await newAuditViaApi(agent)).id;
    await addSubject(agent, auditId);
    await addRequest(agent, auditId);
    await grid(agent, auditId);
    const content = Buffer.from(
      JSON.stringify({ rows: Array.from({ length: 200 }, () => randomBytes(8).toString('hex')) }),
    );
    const form = multipart([['title', 'Export of the access log']], {
      fileName: 'access-log.json',
      content,
      contentType: 'application/json',
    });
    const created = await agent
      .post(`/api/audits/${auditId}/evidence/files`)
      .set('Content-Type', form.contentType)
      .send(form.body);
    expect(created.status).toBe(201);
    const contentPath = `/api/audits/${auditId}/evidence/${created.body.id}/versions/1/content`;
    const session = await request(t.http).post('/api/auth/login').send({ email: lead.email, password: PASSWORD });
    const cookie = session.headers['set-cookie'][0].split(';')[0];

    const whole = await get(contentPath, { Cookie: cookie, 'Accept-Encoding': 'br, gzip' });
    expect(whole.status).toBe(200);
    expect(whole.headers['content-encoding']).toBeUndefined();
    expect(Buffer.compare(whole.body, content)).toBe(0);

    const part = await get(contentPath, { Cookie: cookie, 'Accept-Encoding': 'br, gzip', Range: 'bytes=10-59' });
    expect(part.status).toBe(206);
    expect(part.headers['content-encoding']).toBeUndefined();
    expect(part.headers['content-range']).toBe(`bytes 10-59/${content.length}`);
    expect(Buffer.compare(part.body, content.subarray(10, 60))).toBe(0);
  });
});
