// The officer's certification of a submitted response: the signer role (given and withdrawn by
// lead counsel), who may certify, the password entered again, concurrent certifications, the
// certificate PDF read back (signer, package hash), a hand-signed scan stored with its hash, and
// verification after the stored package of a certified version was tampered with.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalBlobStore } from '@app/storage';
import { createTestApp, type TestApp } from '../support/app';
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
import { binary } from '../support/zip';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
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
    t = await createTestApp({ now: '2023-06-01T15:00:00Z', env: { STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir } });
    const leadUser = await newUser(t.prisma, { label: 'cert-lead', name: 'Lena Lead' });
    const counselUser = await newUser(t.prisma, { label: 'cert-counsel' });
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
    expect(res.body).toMatchObject({
      method: 'WET_SIGNATURE',
      signer: { id: officerUser.id },
      clientAddress: null,
      packageSha256: shas[2],
      scan: { fileName: 'signed.png', mediaType: 'image/png', sizeBytes: PNG.length, sha256: sha256(PNG) },
    });
    const store = new LocalBlobStore(storageDir);
    expect(readFileSync(store.pathOf(`sha256/${sha256(PNG)}`))).toEqual(PNG);
    const pdf = (await lead.get(res.body.certificateUrl).buffer(true).parse(binary)).body as Buffer;
    const text = squash(pdfPages(pdf).join(' '));
    expect(text).toContain(sha256(PNG));
    expect(text).toContain(shas[2]);
    expect(text).toContain(squash('the scan was uploaded by Morgan Reyes'));
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
