// Releasing a produced volume to the other side (issue 15): lead counsel make an expiring link
// for the demanding party's counsel; a real SMTP server receives the link and, in a second
// email, the one-time code, both parsed back. The recipient downloads with no account, every
// download is recorded (bytes, complete or not, from where) and the production log shows it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { binary, type Body, sha256, sleep } from '../support/bytes';
import { createTestWorker } from '../support/worker';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  grid,
  newAuditViaApi,
  newUser,
  tokenAgent,
} from '../support/factories';
import { multipart } from '../support/multipart';
import { getPdf, pdfWithPages } from '../support/pdf';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../support/smtp-sink';

const APP_URL = 'https://auditdesk.example.com';
const NOW = new Date('2026-12-03T09:00:00Z');
const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();

describe('releasing a produced volume to the other side', () => {
  let t: TestApp;
  let worker: INestApplication;
  let smtp: SmtpSink;
  let storageDir: string;
  let lead: Agent;
  let counsel: Agent;
  let outsider: Agent;
  let auditId: string;
  let volume: Body;

  const base = () => `/api/audits/${auditId}/productions/${volume.id}/releases`;
  /** The public side: no session, no token. */
  const anon = () => request(t.http);

  /** Releases the volume to a fresh address; returns the release, the link's secret and the code. */
  async function release(expiresAt = inHours(48)) {
    const email = `counsel-${randomBytes(4).toString('hex')}@rothvale.example.com`;
    const res = await lead.post(base()).send({ recipientName: 'Ina Roth', recipientEmail: email, expiresAt });
    expect(res.status).toBe(201);
    const [linkMail, codeMail] = await smtp.waitFor(email, 2);
    return {
      body: res.body as Body,
      email,
      token: linkToken(linkMail),
      code: mailedCode(codeMail),
      linkMail,
      codeMail,
    };
  }

  const linkToken = (mail: ReceivedMail) => {
    const match = new RegExp(`${APP_URL}/release/([A-Za-z0-9_-]+)`).exec(mail.text);
    expect(match).not.toBeNull();
    return match![1];
  };
  const mailedCode = (mail: ReceivedMail) => {
    const match = /^(\d{8})$/m.exec(mail.text);
    expect(match).not.toBeNull();
    return match![1];
  };

  /** Enters a code; a right one answers with the grant cookie, scoped to the link. */
  const enterCode = (token: string, code: string) => anon().post(`/api/releases/${token}/code`).send({ code });
  const grantCookie = (res: request.Response) => {
    const cookies = res.headers['set-cookie'] as unknown as string[];
    const grant = cookies.find((c) => c.startsWith('auditdesk_release_grant='))!;
    expect(grant).toBeDefined();
    return grant.split(';')[0];
  };
  const volumeRequest = (token: string, cookie?: string) => {
    const req = anon().get(`/api/releases/${token}/volume`);
    if (cookie) req.set('Cookie', cookie);
    return req;
  };
  /** The ZIP as bytes. */
  const download = (token: string, cookie?: string) => volumeRequest(token, cookie).buffer(true).parse(binary);
  /** A refused download: its problem document, parsed as JSON. */
  const refused = (token: string, cookie?: string) => volumeRequest(token, cookie);

  async function releases(): Promise<Body[]> {
    const res = await lead.get(base());
    expect(res.status).toBe(200);
    return res.body.items as Body[];
  }

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-release-'));
    smtp = await startSmtpSink();
    // Behind a proxy on this host: the client's address is the one X-Forwarded-For names.
    const env = {
      STORAGE_DRIVER: 'local' as const,
      STORAGE_DIR: storageDir,
      SMTP_URL: smtp.url,
      APP_URL,
      TRUST_PROXY: 'loopback',
    };
    t = await createTestApp({ now: NOW, env });
    worker = (await createTestWorker({ clock: t.clock, env })).app;
    // Listening on a port of its own, so a client can really go away in the middle of a download.
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    const leadUser = await newUser(t.prisma, { name: 'Lena Lead' });
    const counselUser = await newUser(t.prisma, { name: 'Carl Counsel' });
    lead = await tokenAgent(t.http, leadUser);
    counsel = await tokenAgent(t.http, counselUser);
    outsider = await tokenAgent(t.http, await newUser(t.prisma, { name: 'Otto Outsider' }));
    const audit = await newAuditViaApi(lead, { respondingParty: 'Microsoft Corporation' });
    auditId = audit.id;
    await addMember(lead, auditId, counselUser, 'COUNSEL');
    await addSubject(lead, auditId, { name: 'Analytics app' });
    await addRequest(lead, auditId, { title: 'Licences', text: 'Every licence record.' });
    const [approved] = (await grid(lead, auditId)).map((c) => c.id);
    const upload = async (fileName: string, content: Buffer) => {
      const form = multipart(
        [
          ['title', fileName],
          ['custodian', 'Dana Ops'],
          ['collectedOn', '2026-11-20'],
          ['responseIds', approved],
        ],
        { fileName, content },
      );
      const res = await lead
        .post(`/api/audits/${auditId}/evidence/files`)
        .set('Content-Type', form.contentType)
        .send(form.body);
      expect(res.status).toBe(201);
      return res.body.currentVersion.id as string;
    };
    // A large file that does not compress, so a download takes long enough to be cut off midway.
    const dump = await upload('licence-dump.bin', randomBytes(24 * 1024 * 1024));
    const memo = await upload('memo.pdf', await pdfWithPages(['Licence memo']));
    // Approved once its evidence is in: an approval covers what backs the answer.
    await t.prisma.response.update({ where: { id: approved }, data: { status: 'APPROVED' } });
    expect(
      (await lead.put(`/api/audits/${auditId}/production-designations`).send({ labels: ['CONFIDENTIAL'] })).status,
    ).toBe(200);
    // Counsel (not lead counsel) may produce.
    const draft = await counsel.post(`/api/audits/${auditId}/productions`).send({
      name: 'MSFT-TWTR-VOL001',
      batesPrefix: 'MSFT-TWTR-',
      recipient: 'Ina Roth, Roth & Vale LLP',
      productionDate: '2026-12-03',
      deliveryMethod: 'Download link',
    });
    expect(draft.status).toBe(201);
    volume = draft.body as Body;
    for (const id of [memo, dump])
      expect(
        (
          await counsel
            .post(`/api/audits/${auditId}/productions/${volume.id}/documents`)
            .send({ evidenceVersionId: id, designation: 'CONFIDENTIAL' })
        ).status,
      ).toBe(201);
    // Not produced yet: nothing to release.
    const early = await lead
      .post(base())
      .send({ recipientName: 'Ina Roth', recipientEmail: 'ina@rothvale.example.com', expiresAt: inHours(48) });
    expectProblem(early, 409, 'CONFLICT');
    expect((await counsel.post(`/api/audits/${auditId}/productions/${volume.id}/produce`)).status).toBe(202);
    for (let i = 0; i < 1200 && volume.status !== 'PRODUCED' && volume.status !== 'FAILED'; i++) {
      await sleep(100);
      volume = (await lead.get(`/api/audits/${auditId}/productions/${volume.id}`)).body as Body;
    }
    expect(volume.status).toBe('PRODUCED');
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  afterEach(() => {
    t.clock.set(NOW);
    smtp.refuse = false;
    smtp.holdUntil = null;
  });

  it('only lead counsel release; counsel get 403, a non-member 404, and the expiry must be 1 hour to 30 days away', async () => {
    const body = { recipientName: 'Ina Roth', recipientEmail: 'ina@rothvale.example.com', expiresAt: inHours(48) };
    expectProblem(await counsel.post(base()).send(body), 403, 'FORBIDDEN');
    expectProblem(await outsider.post(base()).send(body), 404, 'NOT_FOUND');
    expectProblem(await outsider.get(base()), 404, 'NOT_FOUND');
    expectProblem(await lead.post(base()).send({ ...body, expiresAt: inHours(0.5) }), 400, 'VALIDATION_FAILED', [
      'expiresAt',
    ]);
    expectProblem(await lead.post(base()).send({ ...body, expiresAt: inHours(24 * 31) }), 400, 'VALIDATION_FAILED', [
      'expiresAt',
    ]);
    expectProblem(await lead.post(base()).send({ ...body, expiresAt: '2026-12-05T09:00' }), 400, 'VALIDATION_FAILED', [
      'expiresAt',
    ]);
    expect(await t.prisma.productionRelease.count({ where: { productionId: volume.id } })).toBe(0);
  });

  it('emails the link and, apart, the code; the right code downloads the very ZIP that was produced', async () => {
    const { body, token, code, linkMail, codeMail } = await release();
    expect(body).toMatchObject({ state: 'ACTIVE', mailSent: true, failedCodeAttempts: 0, downloads: [] });
    // The code is in its own email and never in the link's.
    expect(linkMail.text).not.toContain(code);
    expect(linkMail.subject).toBe('Production volume MSFT-TWTR-VOL001 from Microsoft Corporation');
    expect(codeMail.text).not.toContain(token);
    // Only SHA-256 of the secrets is stored.
    const row = await t.prisma.productionRelease.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.tokenHash).toBe(sha256(Buffer.from(token)));
    expect(JSON.stringify(row)).not.toContain(code);

    const page = await anon().get(`/api/releases/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      volumeName: 'MSFT-TWTR-VOL001',
      producingParty: 'Microsoft Corporation',
      expiresAt: inHours(48),
    });
    // No code yet: no download.
    expectProblem(await refused(token), 403, 'FORBIDDEN');

    const granted = await enterCode(token, `${code.slice(0, 4)} ${code.slice(4)}`);
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({
      grantedUntil: new Date(NOW.getTime() + 30 * 60_000).toISOString(),
      downloadUrl: `/api/releases/${token}/volume`,
    });
    const cookie = (granted.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('auditdesk_release_grant='),
    )!;
    expect(cookie).toMatch(new RegExp(`Path=/api/releases/${token}(;|$)`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const zip = await download(token, grantCookie(granted))
      .set('Accept-Encoding', 'gzip, br')
      .set('X-Forwarded-For', '203.0.113.9');
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toBe('attachment; filename="MSFT-TWTR-VOL001.zip"');
    expect(zip.headers['content-length']).toBe(String(volume.zipSizeBytes));
    expect(zip.headers['content-encoding']).toBeUndefined();
    expect(sha256(zip.body as Buffer)).toBe(volume.zipSha256);

    // The download is recorded once its last byte went out.
    let downloads: Body[] = [];
    for (let i = 0; i < 100 && !downloads[0]?.finishedAt; i++) {
      downloads = (await releases()).find((r) => r.id === body.id)!.downloads as Body[];
      if (!downloads[0]?.finishedAt) await sleep(50);
    }
    expect(downloads).toEqual([
      expect.objectContaining({
        startedAt: NOW.toISOString(),
        clientAddress: '203.0.113.9',
        bytesSent: volume.zipSizeBytes,
        complete: true,
      }),
    ]);

    // A grant cookie of another link opens nothing here.
    const other = await release();
    const otherGrant = grantCookie(await enterCode(other.token, other.code));
    expectProblem(await refused(token, otherGrant), 403, 'FORBIDDEN');
    const events = await t.prisma.activityEvent.findMany({
      where: { entityType: 'production_release', entityId: body.id },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.action, e.actorId !== null])).toEqual([
      ['created', true],
      ['downloaded', false],
    ]);
  });

  it('records a download the client stops midway as incomplete, with the bytes sent until then', async () => {
    const { body, token, code } = await release();
    const cookie = grantCookie(await enterCode(token, code));
    const { port } = t.http.address() as AddressInfo;
    const received = await new Promise<number>((resolve, reject) => {
      const req = http.get({
        host: '127.0.0.1',
        port,
        path: `/api/releases/${token}/volume`,
        headers: { Cookie: cookie },
      });
      req.on('error', () => undefined);
      req.on('response', (res) => {
        expect(res.statusCode).toBe(200);
        let got = 0;
        res.on('data', (chunk: Buffer) => {
          got += chunk.length;
          // Gone after the first megabyte: well short of the 24 MB in the volume.
          if (got >= 1024 * 1024) {
            req.destroy();
            resolve(got);
          }
        });
        res.on('end', () => reject(new Error('the whole volume arrived before the client went away')));
      });
    });
    let downloads: Body[] = [];
    for (let i = 0; i < 200 && !downloads[0]?.finishedAt; i++) {
      downloads = (await releases()).find((r) => r.id === body.id)!.downloads as Body[];
      if (!downloads[0]?.finishedAt) await sleep(50);
    }
    expect(downloads).toHaveLength(1);
    expect(downloads[0].complete).toBe(false);
    expect(downloads[0].bytesSent).toBeGreaterThanOrEqual(received);
    expect(downloads[0].bytesSent).toBeLessThan(volume.zipSizeBytes as number);
  });

  it('counts wrong codes and locks the link at the fifth, even for the right code after it', async () => {
    const { body, token, code } = await release();
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let left = 4; left >= 1; left--) {
      const res = await enterCode(token, wrong);
      expectProblem(res, 422, 'RULE_VIOLATION', ['code']);
      expect(res.body.attemptsLeft).toBe(left);
    }
    const fifth = await enterCode(token, wrong);
    expectProblem(fifth, 403, 'FORBIDDEN');
    expect(fifth.body.reason).toBe('LOCKED');
    expectProblem(await enterCode(token, code), 403, 'FORBIDDEN');
    expectProblem(await anon().get(`/api/releases/${token}`), 403, 'FORBIDDEN');
    expect((await releases()).find((r) => r.id === body.id)).toMatchObject({ state: 'LOCKED', failedCodeAttempts: 5 });
    const locked = await t.prisma.activityEvent.count({
      where: { entityType: 'production_release', entityId: body.id, action: 'locked' },
    });
    expect(locked).toBe(1);
  });

  it('stops working at its expiry, grant and all', async () => {
    const { body, token, code } = await release(inHours(2));
    const cookie = grantCookie(await enterCode(token, code));
    t.clock.set(new Date(NOW.getTime() + 2 * HOUR));
    const page = await anon().get(`/api/releases/${token}`);
    expectProblem(page, 410, 'GONE');
    expect(page.body.reason).toBe('EXPIRED');
    expectProblem(await enterCode(token, code), 410, 'GONE');
    expectProblem(await refused(token, cookie), 410, 'GONE');
    expect((await releases()).find((r) => r.id === body.id)!.state).toBe('EXPIRED');
  });

  it('a grant ends after 30 minutes: the code must be entered again', async () => {
    const { token, code } = await release();
    const cookie = grantCookie(await enterCode(token, code));
    t.clock.set(new Date(NOW.getTime() + 30 * 60_000));
    expectProblem(await refused(token, cookie), 403, 'FORBIDDEN');
  });

  it('revokes at once; concurrent revokes make one event; counsel may not revoke', async () => {
    const { body, token, code } = await release();
    const cookie = grantCookie(await enterCode(token, code));
    expectProblem(await counsel.post(`${base()}/${body.id}/revoke`), 403, 'FORBIDDEN');
    expectProblem(await outsider.post(`${base()}/${body.id}/revoke`), 404, 'NOT_FOUND');
    const answers = await Promise.all([1, 2, 3].map(() => lead.post(`${base()}/${body.id}/revoke`)));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'REVOKED', revokedBy: { name: 'Lena Lead' } });
    }
    const revoked = await t.prisma.activityEvent.count({
      where: { entityType: 'production_release', entityId: body.id, action: 'revoked' },
    });
    expect(revoked).toBe(1);
    const page = await anon().get(`/api/releases/${token}`);
    expectProblem(page, 410, 'GONE');
    expect(page.body.reason).toBe('REVOKED');
    expectProblem(await refused(token, cookie), 410, 'GONE');
    expectProblem(await anon().get('/api/releases/not-a-link-we-ever-made-0000000'), 404, 'NOT_FOUND');
  });

  it('shows each release and its downloads on the production log, in JSON and in its exports', async () => {
    // Two hours on: the release made to expire then has.
    t.clock.set(new Date(NOW.getTime() + 2 * HOUR));
    const listed = (await lead.get(`/api/audits/${auditId}/productions`)).body.items as Body[];
    const logged = listed.find((v) => v.id === volume.id)!;
    const byId = (a: Body, b: Body) => String(a.id).localeCompare(String(b.id));
    expect([...(logged.releases as Body[])].sort(byId)).toEqual((await releases()).sort(byId));
    const downloads = (logged.releases as Body[]).flatMap((r) => r.downloads as Body[]);
    expect(downloads.filter((d) => d.complete)).toHaveLength(1);
    expect(downloads.filter((d) => !d.complete)).toHaveLength(1);

    const xlsx = await getPdf(lead, `/api/audits/${auditId}/productions/log.xlsx`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const sheet = book.getWorksheet('Releases and downloads')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => {
      const values = (sheet.getRow(i + 2).values as unknown[]).slice(1);
      return Object.fromEntries(header.map((h, j) => [h, values[j] ?? null]));
    });
    // One row per download, and one per release never downloaded.
    // Each download went to a release of its own, so as many rows as releases.
    expect(rows).toHaveLength((logged.releases as Body[]).length);
    const withDownloads = rows.filter((r) => r['Bytes sent'] !== null);
    expect(
      withDownloads.map((r) => [r['Volume'], r['Bytes sent'] === volume.zipSizeBytes, r['Download complete']]).sort(),
    ).toEqual([
      ['MSFT-TWTR-VOL001', false, 'No'],
      ['MSFT-TWTR-VOL001', true, 'Yes'],
    ]);
    expect(new Set(rows.map((r) => r['Link state']))).toEqual(
      new Set(['Active', 'Revoked', 'Locked (too many wrong codes)', 'Expired']),
    );

    const csv = await getPdf(lead, `/api/audits/${auditId}/productions/log.csv`);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text).toContain('Released to,Complete downloads');
    expect(text).toMatch(/Ina Roth <counsel-[0-9a-f]{8}@rothvale\.example\.com>/);
  });

  it('says a release whose code did not go out is not sent, and sends it again with a new link and code', async () => {
    const email = `counsel-${randomBytes(4).toString('hex')}@rothvale.example.com`;
    const expiresAt = inHours(48);
    /** Until the sink holds a message it has received (the sender awaits its answer). */
    const receiving = async () => {
      for (const until = Date.now() + 60_000; smtp.receiving === 0 && Date.now() < until;) await sleep(25);
      expect(smtp.receiving).toBe(1);
    };
    // The link's email goes out; the server refuses the code's (451): each is held until let go.
    let letGo!: () => void;
    smtp.holdUntil = new Promise<void>((resolve) => (letGo = resolve));
    const answer = lead.post(base()).send({ recipientName: 'Ina Roth', recipientEmail: email, expiresAt }).then();
    await receiving();
    // While its emails are going out, the release says so, and another "Send again" is refused:
    // it would revoke a link about to arrive.
    const sending = (await releases()).find((r) => r.recipientEmail === email)!;
    expect(sending).toMatchObject({ state: 'SENDING', mailSent: false });
    const early = await lead.post(`${base()}/${sending.id as string}/resend`);
    expectProblem(early, 409, 'CONFLICT');
    expect(early.body.detail).toBe('The link and the code are being sent right now; wait for them to go out or fail.');
    const linkGone = letGo;
    smtp.holdUntil = new Promise<void>((resolve) => (letGo = resolve));
    linkGone();
    const [linkMail] = await smtp.waitFor(email, 1);
    await receiving();
    smtp.refuse = true;
    letGo();
    const created = await answer;
    smtp.refuse = false;
    smtp.holdUntil = null;
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'NOT_SENT', mailSent: false });
    expect(smtp.to(email)).toHaveLength(1);
    const oldId = created.body.id as string;
    const oldToken = linkToken(linkMail);
    expect((await releases()).find((r) => r.id === oldId)!.state).toBe('NOT_SENT');

    const resendPath = (id: string) => `${base()}/${id}/resend`;
    expectProblem(await counsel.post(resendPath(oldId)), 403, 'FORBIDDEN');
    expectProblem(await outsider.post(resendPath(oldId)), 404, 'NOT_FOUND');
    const resent = await lead.post(resendPath(oldId));
    expect(resent.status).toBe(201);
    expect(resent.body).toMatchObject({
      state: 'ACTIVE',
      mailSent: true,
      recipientName: 'Ina Roth',
      recipientEmail: email,
      expiresAt,
      createdBy: { name: 'Lena Lead' },
    });
    expect(resent.body.id).not.toBe(oldId);
    const [, newLinkMail, newCodeMail] = await smtp.waitFor(email, 3);
    const token = linkToken(newLinkMail);
    expect(token).not.toBe(oldToken);

    // What went out of the failed release works no more; the new link and code do.
    const old = await anon().get(`/api/releases/${oldToken}`);
    expectProblem(old, 410, 'GONE');
    expect(old.body.reason).toBe('REVOKED');
    expect((await enterCode(token, mailedCode(newCodeMail))).status).toBe(200);
    expect((await releases()).find((r) => r.id === oldId)).toMatchObject({
      state: 'REVOKED',
      mailSent: false,
      revokedBy: { name: 'Lena Lead' },
    });

    // Only a release not sent, and still open, is sent again.
    expectProblem(await lead.post(resendPath(oldId)), 409, 'CONFLICT');
    expectProblem(await lead.post(resendPath(resent.body.id as string)), 409, 'CONFLICT');
    const events = await t.prisma.activityEvent.findMany({
      where: { entityType: 'production_release', entityId: { in: [oldId, resent.body.id as string] } },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.entityId === oldId ? 'old' : 'new', e.action, e.actorId !== null])).toEqual([
      ['old', 'created', true],
      ['old', 'revoked', true],
      ['new', 'created', true],
    ]);
    expect(events[1].changes).toMatchObject({ sentAgainAs: { before: null, after: resent.body.id } });
    expect(events[2].changes).toMatchObject({ sendsAgain: { before: null, after: oldId } });
  });

  it('sends a release that was not sent again once, however many ask at the same moment', async () => {
    const email = `counsel-${randomBytes(4).toString('hex')}@rothvale.example.com`;
    smtp.refuse = true;
    const created = await lead
      .post(base())
      .send({ recipientName: 'Ina Roth', recipientEmail: email, expiresAt: inHours(48) });
    smtp.refuse = false;
    expect(created.body).toMatchObject({ state: 'NOT_SENT', mailSent: false });
    const answers = await Promise.all([1, 2, 3].map(() => lead.post(`${base()}/${created.body.id}/resend`)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    await smtp.waitFor(email, 2);
    await sleep(200);
    expect(smtp.to(email)).toHaveLength(2);
    expect(
      (await releases())
        .filter((r) => r.recipientEmail === email)
        .map((r) => r.state)
        .sort(),
    ).toEqual(['ACTIVE', 'REVOKED']);
  });

  it('counts codes in the login throttle: one address guessing over many links gets 429', async () => {
    const from = '198.51.100.23';
    const guess = (token: string) =>
      anon().post(`/api/releases/${token}/code`).set('X-Forwarded-For', from).send({ code: '99999999x' });
    // Each link locks at its fifth wrong code; the address's budget over all links is 100.
    for (let link = 0; link < 20; link++) {
      const { token } = await release();
      for (let i = 0; i < 4; i++) expectProblem(await guess(token), 422, 'RULE_VIOLATION', ['code']);
      expectProblem(await guess(token), 403, 'FORBIDDEN');
    }
    const { token, code } = await release();
    const throttled = await anon().post(`/api/releases/${token}/code`).set('X-Forwarded-For', from).send({ code });
    expectProblem(throttled, 429, 'TOO_MANY_REQUESTS');
    expect(throttled.body.detail).toMatch(/^Too many code attempts\. Try again in /);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await enterCode(token, code)).status).toBe(200);
  }, 120_000);
});
