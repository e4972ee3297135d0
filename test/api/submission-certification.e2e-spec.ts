// The officer's certification of a submitted response: the signer role (given and withdrawn by
// lead counsel), who may certify, the password entered again, concurrent certifications, the
// certificate PDF read back (signer, package hash), a hand-signed scan stored with its hash, and
// verification after the stored package of a certified version was tampered with.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { loadEnvironment } from '@app/config';
import { LocalBlobStore } from '@app/storage';
import { LOGIN_THROTTLE, LoginThrottle } from '../../apps/api/src/auth/login-throttle';
import { createTestApp, type TestApp } from '../support/app';
import { binary, sha256 } from '../support/bytes';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
} from '../support/factories';
import { multipart } from '../support/multipart';
import { pdfInfo, pdfPages, squash } from '../support/pdf';

// The smallest PNG a scanner could send: the signature bytes and an IHDR chunk are what the sniffing reads.
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('signed page'),
]);

describe('officer certification of a submitted response', () => {
  let t: TestApp;
  let storageDir: string;
  let lead: Agent;
  let counsel: Agent;
  let officer: Agent;
  let outsider: Agent;
  let officerUser: TestUser;
  let counselUser: TestUser;
  let auditId: string;
  let base: string;
  let shas: Record<number, string>;

  const certify = (agent: Agent, version: number, body: Record<string, unknown>) =>
    agent.post(`${base}/response-submissions/${version}/certification`).send(body);
  const signerFields = {
    signerName: 'Morgan Reyes',
    signerTitle: 'Chief Executive Officer',
    signerEntity: 'Brightline Analytics Ltd',
  };
  const scanForm = (content: Buffer, fileName = 'signed.png') =>
    multipart(
      [
        ['signerName', 'Morgan Reyes'],
        ['signerTitle', 'Chief Executive Officer'],
        ['signerEntity', 'Brightline Analytics Ltd'],
      ],
      { fileName, content },
    );
  const uploadScan = (agent: Agent, version: number, content: Buffer, fileName?: string) => {
    const form = scanForm(content, fileName);
    return agent
      .post(`${base}/response-submissions/${version}/certification/scan`)
      .set('Content-Type', form.contentType)
      .send(form.body);
  };

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-certification-'));
    // TRUST_PROXY: the throttle test signs from an address of its own (X-Forwarded-For).
    t = await createTestApp({
      now: '2023-06-01T15:00:00Z',
      env: { STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir, TRUST_PROXY: 'loopback' },
    });
    const leadUser = await newUser(t.prisma, { label: 'cert-lead', name: 'Lena Lead' });
    counselUser = await newUser(t.prisma, { label: 'cert-counsel' });
    officerUser = await newUser(t.prisma, { label: 'cert-officer', name: 'Morgan Reyes', timeZone: 'Europe/London' });
    lead = await tokenAgent(t.http, leadUser);
    counsel = await tokenAgent(t.http, counselUser);
    officer = await tokenAgent(t.http, officerUser);
    outsider = await tokenAgent(t.http, await newUser(t.prisma, { label: 'cert-outsider' }));
    const audit = await newAuditViaApi(lead, {});
    auditId = audit.id;
    base = `/api/audits/${auditId}`;
    expect((await lead.patch(base).send({ status: 'OPEN' })).status).toBe(200);
    await addMember(lead, auditId, counselUser, 'COUNSEL');
    await addMember(lead, auditId, officerUser, 'VIEWER');
    await addSubject(lead, auditId, { name: 'Analytics app' });
    const request = await addRequest(lead, auditId, { title: 'Licences', text: 'Provide every licence record.' });
    const draft = (await lead.get(`${base}/response-draft`)).body.requests[0];
    expect(
      (
        await lead
          .put(`${base}/response-draft/requests/${request.id}`)
          .send({ version: draft.version, disposition: 'OBJECT', responseText: 'No records will be produced.' })
      ).status,
    ).toBe(200);
    shas = {};
    for (const version of [1, 2]) {
      const res = await lead.post(`${base}/response-submissions`).send({});
      expect(res.status).toBe(201);
      shas[version] = res.body.packageSha256;
    }
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('lets only a member given the signer role certify; only lead counsel gives it', async () => {
    expectProblem(await certify(officer, 1, { ...signerFields, password: officerUser.password }), 403, 'FORBIDDEN');
    expectProblem(await certify(lead, 1, { ...signerFields, password: 'whatever' }), 403, 'FORBIDDEN');
    expectProblem(await certify(outsider, 1, { ...signerFields, password: 'whatever' }), 404, 'NOT_FOUND');
    expectProblem(await uploadScan(officer, 1, PNG), 403, 'FORBIDDEN');
    expect((await officer.get(`${base}/response-submissions`)).body.canCertify).toBe(false);

    expectProblem(
      await counsel.patch(`${base}/members/${officerUser.id}`).send({ canCertify: true }),
      403,
      'FORBIDDEN',
    );
    const granted = await lead.patch(`${base}/members/${officerUser.id}`).send({ canCertify: true });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ userId: officerUser.id, role: 'VIEWER', canCertify: true });
    expect((await officer.get(`${base}/response-submissions`)).body.canCertify).toBe(true);
    expect((await lead.get(`${base}/response-submissions`)).body.canCertify).toBe(false);
    const event = await t.prisma.activityEvent.findFirstOrThrow({
      where: { auditId, entityType: 'member', entityId: officerUser.id, action: 'signer_granted' },
    });
    expect(event.changes).toEqual({ canCertify: { before: false, after: true } });
    expectProblem(await lead.patch(`${base}/members/${officerUser.id}`).send({}), 400, 'VALIDATION_FAILED', ['role']);
  });

  it('refuses a wrong password with a plain 403 and records nothing', async () => {
    const res = await certify(officer, 1, { ...signerFields, password: 'not-my-password' });
    expectProblem(res, 403, 'FORBIDDEN', ['password']);
    expect(res.body.detail).toBe('The password is not correct: the certification was not signed.');
    expectProblem(
      await certify(officer, 1, { ...signerFields, signerTitle: ' ', password: 'x' }),
      400,
      'VALIDATION_FAILED',
      ['signerTitle'],
    );
    expect(await t.prisma.submissionCertification.count()).toBe(0);
  });

  it('certifies once when two certifications race, and prints who certified what, when, with which hash', async () => {
    const body = { ...signerFields, password: officerUser.password };
    const [a, b] = await Promise.all([certify(officer, 1, body), certify(officer, 1, body)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const won = a.status === 201 ? a : b;
    expectProblem(a.status === 201 ? b : a, 409, 'CONFLICT');
    expect(won.body).toMatchObject({
      method: 'ELECTRONIC',
      certifiedAt: '2023-06-01T15:00:00.000Z',
      signer: { id: officerUser.id, name: 'Morgan Reyes' },
      ...signerFields,
      packageSha256: shas[1],
      scan: null,
      certificateUrl: `${base}/response-submissions/1/certificate.pdf`,
    });
    expect(won.body.clientAddress).toMatch(/127\.0\.0\.1/);
    expect(won.body.text).toContain(shas[1]);
    expectProblem(await certify(officer, 1, body), 409, 'CONFLICT');
    expectProblem(await uploadScan(officer, 1, PNG), 409, 'CONFLICT');
    expect(await t.prisma.submissionCertification.count()).toBe(1);

    const listed = (await lead.get(`${base}/response-submissions`)).body.items;
    expect(listed.find((s: { version: number }) => s.version === 1).certification).toEqual(won.body);
    expect(listed.find((s: { version: number }) => s.version === 2).certification).toBeNull();

    const file = await lead.get(won.body.certificateUrl).buffer(true).parse(binary);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const pdf = file.body as Buffer;
    expect(sha256(pdf)).toBe(won.body.certificateSha256);
    const info = pdfInfo(pdf);
    expect(info.pdfA).not.toBeNull();
    expect(info.tagged.marked).toBe(true);
    const text = squash(pdfPages(pdf).join(' '));
    expect(text).toContain(squash('I, Morgan Reyes, Chief Executive Officer of Brightline Analytics Ltd'));
    expect(text).toContain(shas[1]);
    // 15:00 UTC is 16:00 in London in June: the signer's zone.
    expect(text).toContain(squash('1 June 2023, 16:00 (Europe/London)'));
    expect(text).toContain(squash(`the account ${officerUser.email}`));

    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'response_submission', action: 'certified' },
    });
    expect(events).toHaveLength(1);
    expect(events[0].changes).toMatchObject({ packageSha256: { after: shas[1] }, method: { after: 'ELECTRONIC' } });
  });

  it('records a hand-signed scan with its SHA-256, stored content-addressed, and who uploaded it', async () => {
    expectProblem(await uploadScan(officer, 2, Buffer.from('just some text'), 'note.txt'), 400, 'VALIDATION_FAILED', [
      'file',
    ]);
    const res = await uploadScan(officer, 2, PNG);
    expect(res.status).toBe(201);
    // The refused upload's bytes were stored while streaming, then removed: no row holds them.
    const store = new LocalBlobStore(storageDir);
    expect(existsSync(store.pathOf(`sha256/${sha256(Buffer.from('just some text'))}`))).toBe(false);
    expect(res.body).toMatchObject({
      method: 'WET_SIGNATURE',
      signer: { id: officerUser.id },
      clientAddress: null,
      packageSha256: shas[2],
      scan: {
        fileName: 'signed.png',
        mediaType: 'image/png',
        sizeBytes: PNG.length,
        sha256: sha256(PNG),
        url: `${base}/response-submissions/2/certification/scan`,
      },
    });
    expect(readFileSync(store.pathOf(`sha256/${sha256(PNG)}`))).toEqual(PNG);
    const pdf = (await lead.get(res.body.certificateUrl).buffer(true).parse(binary)).body as Buffer;
    const text = squash(pdfPages(pdf).join(' '));
    expect(text).toContain(sha256(PNG));
    expect(text).toContain(shas[2]);
    expect(text).toContain(squash('the scan was uploaded by Morgan Reyes'));
  });

  it('downloads the signed scan as stored (ranges too) to members only, and records each download', async () => {
    const url = `${base}/response-submissions/2/certification/scan`;
    const whole = await counsel.get(url).buffer(true).parse(binary);
    expect(whole.status).toBe(200);
    expect(whole.body).toEqual(PNG);
    expect(whole.headers['content-type']).toBe('image/png');
    expect(whole.headers['content-disposition']).toMatch(/^attachment; filename="signed\.png"/);
    expect(whole.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sha256(PNG), 'hex').toString('base64')}:`);
    const part = await counsel.get(url).set('Range', 'bytes=8-').buffer(true).parse(binary);
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 8-${PNG.length - 1}/${PNG.length}`);
    expect(part.body).toEqual(PNG.subarray(8));
    const past = await counsel.get(url).set('Range', `bytes=${PNG.length + 10}-`);
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${PNG.length}`);
    expectProblem(await outsider.get(url), 404, 'NOT_FOUND');
    // Version 1 was signed electronically: there is no scan to download.
    expectProblem(await counsel.get(`${base}/response-submissions/1/certification/scan`), 404, 'NOT_FOUND');
    expectProblem(await outsider.get(`${base}/response-submissions/2/certificate.pdf`), 404, 'NOT_FOUND');
    expect((await counsel.get(`${base}/response-submissions/2/certificate.pdf`)).status).toBe(200);

    const submission = await t.prisma.responseSubmission.findFirstOrThrow({ where: { auditId, version: 2 } });
    const events = await t.prisma.activityEvent.findMany({
      where: {
        auditId,
        entityId: submission.id,
        actorId: counselUser.id,
        action: { in: ['scan_downloaded', 'certificate_downloaded'] },
      },
      select: { action: true, changes: true },
      orderBy: { id: 'asc' },
    });
    // The whole download and the certificate; the range from byte 8 continues a download.
    expect(events).toEqual([
      {
        action: 'scan_downloaded',
        changes: {
          version: { before: null, after: 2 },
          scanSha256: { before: null, after: sha256(PNG) },
          range: { before: null, after: null },
        },
      },
      expect.objectContaining({ action: 'certificate_downloaded' }),
    ]);
  });

  it('throttles signing with a wrong password as logins are throttled: 429 with Retry-After', async () => {
    // A signer and an address of this test's own, so its counts touch no other spec's.
    const signerUser = await newUser(t.prisma, { label: 'cert-throttled' });
    const signer = await tokenAgent(t.http, signerUser);
    await addMember(lead, auditId, signerUser, 'VIEWER');
    expect((await lead.patch(`${base}/members/${signerUser.id}`).send({ canCertify: true })).status).toBe(200);
    const address = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
    const keys = new Set<string>();
    const begin = LoginThrottle.prototype.begin;
    const spy = jest.spyOn(LoginThrottle.prototype, 'begin').mockImplementation(async function (
      this: LoginThrottle,
      ...args: Parameters<LoginThrottle['begin']>
    ) {
      const attempt = await begin.apply(this, args);
      attempt.keys.forEach((k) => keys.add(k));
      return attempt;
    });
    const sign = (password: string) =>
      signer
        .post(`${base}/response-submissions/2/certification`)
        .set('X-Forwarded-For', address)
        .send({ ...signerFields, password });
    const redis = new Redis(loadEnvironment().REDIS_URL);
    try {
      for (let i = 0; i < LOGIN_THROTTLE.PAIR_LIMIT; i += 1)
        expectProblem(await sign('not-the-password'), 403, 'FORBIDDEN', ['password']);
      // Even the right password waits now: the guessing is what is throttled.
      const throttled = await sign(signerUser.password);
      expectProblem(throttled, 429, 'TOO_MANY_REQUESTS');
      const retryAfter = Number(throttled.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.WINDOW_MS / 1000);
      expect(keys.size).toBe(3);
      expect([...keys].some((k) => k.endsWith(`:address:${address}`))).toBe(true);
    } finally {
      spy.mockRestore();
      if (keys.size) await redis.del(...keys);
      redis.disconnect();
    }
    const submission = await t.prisma.responseSubmission.findFirstOrThrow({
      where: { auditId, version: 2 },
      select: { certification: { select: { signerId: true } } },
    });
    expect(submission.certification?.signerId).toBe(officerUser.id);
  });

  it('says a certified package no longer matches its certified hash once the stored ZIP was altered', async () => {
    const ok = await lead.get(`${base}/response-submissions/1/verification`);
    expect(ok.body).toMatchObject({ result: 'MATCH', certifiedSha256: shas[1], matchesCertification: true });

    const stored = new LocalBlobStore(storageDir).pathOf(`sha256/${shas[1]}`);
    const original = readFileSync(stored);
    writeFileSync(stored, Buffer.concat([original, Buffer.from('tampered')]));
    const bad = await lead.get(`${base}/response-submissions/1/verification`);
    expect(bad.body).toMatchObject({ result: 'MISMATCH', certifiedSha256: shas[1], matchesCertification: false });
    writeFileSync(stored, original);
  });

  it('withdraws the signer role: the former signer can no longer certify', async () => {
    const res = await lead.patch(`${base}/members/${officerUser.id}`).send({ canCertify: false });
    expect(res.body.canCertify).toBe(false);
    expect(
      await t.prisma.activityEvent.count({ where: { auditId, entityId: officerUser.id, action: 'signer_withdrawn' } }),
    ).toBe(1);
    expectProblem(await certify(officer, 2, { ...signerFields, password: officerUser.password }), 403, 'FORBIDDEN');
  });
});
