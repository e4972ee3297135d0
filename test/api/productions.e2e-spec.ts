// Production volumes end to end: the API builds a draft from approved evidence, the real worker
// (WorkerModule on the same database, Redis and storage) produces it, and the ZIP is read back
// as the receiving side would: layout, the DAT and OPT load files, the Bates stamps on every
// page (PDF.js), every hash. Then immutability, verification of the stored files, two volumes
// produced at once, and who may produce.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createCanvas } from '@napi-rs/canvas';
import { LocalBlobStore } from '@app/storage';
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
import { pdfInfo, pdfPages, squash, pdfWithPages } from '../support/pdf';
import { readZip } from '../support/zip';

const CONFIDENTIAL = 'CONFIDENTIAL';
const AEO = 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY';

function png(): Buffer {
  const canvas = createCanvas(400, 300);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#1f4e79';
  ctx.fillRect(0, 0, 400, 300);
  return canvas.toBuffer('image/png');
}

/** Splits a Concordance DAT: BOM, CRLF records, ASCII 20 between fields, thorn around values. */
function readDat(bytes: Buffer): Record<string, string>[] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  const records = text.slice(0, -2).split('\r\n');
  const fields = (line: string) =>
    line.split('\u0014').map((quoted) => {
      expect(quoted.startsWith('\u00fe') && quoted.endsWith('\u00fe')).toBe(true);
      return quoted.slice(1, -1);
    });
  const [header, ...rows] = records.map(fields);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

describe('productions', () => {
  let t: TestApp;
  let worker: INestApplication;
  let storageDir: string;
  let lead: Agent;
  let auditId: string;
  let audit: { id: string; title: string; referenceCode: string };
  const uploads: Record<string, { versionId: string; bytes: Buffer }> = {};
  let volume: { id: string; zip: Map<string, Buffer>; zipBytes: Buffer; body: Body };

  const base = () => `/api/audits/${auditId}`;

  async function upload(title: string, fileName: string, content: Buffer, responseIds: string[]) {
    const form = multipart(
      [
        ['title', title],
        ['custodian', 'Dana Ops'],
        ['collectedOn', '2023-05-20'],
        ...responseIds.map((id): [string, string] => ['responseIds', id]),
      ],
      { fileName, content },
    );
    const res = await lead.post(`${base()}/evidence/files`).set('Content-Type', form.contentType).send(form.body);
    expect(res.status).toBe(201);
    uploads[fileName] = { versionId: res.body.currentVersion.id, bytes: content };
  }

  async function waitProduced(id: string): Promise<Body> {
    let body: Body = {};
    for (let i = 0; i < 1200; i++) {
      body = (await lead.get(`${base()}/productions/${id}`)).body;
      if (body.status === 'PRODUCED' || body.status === 'FAILED') return body;
      await sleep(100);
    }
    return body;
  }

  const newVolume = (name: string) =>
    lead.post(`${base()}/productions`).send({
      name,
      batesPrefix: 'MSFT-TWTR-',
      startNumber: 1,
      padWidth: 6,
      recipient: 'Ina Roth, Roth & Vale LLP (counsel for Twitter)',
      productionDate: '2023-06-01',
      deliveryMethod: 'Secure file transfer',
    });

  const addDoc = (productionId: string, fileName: string, designation: string) =>
    lead
      .post(`${base()}/productions/${productionId}/documents`)
      .send({ evidenceVersionId: uploads[fileName].versionId, designation });

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-productions-'));
    const env = { STORAGE_DRIVER: 'local' as const, STORAGE_DIR: storageDir };
    t = await createTestApp({ now: '2023-06-01T15:00:00Z', env });
    worker = (await createTestWorker({ clock: t.clock, env })).app;
    const user = await newUser(t.prisma, { name: 'Lena Lead' });
    lead = await tokenAgent(t.http, user);
    audit = await newAuditViaApi(lead, { letterDate: '2023-05-10' });
    auditId = audit.id;
    await addSubject(lead, auditId, { name: 'Analytics app' });
    await addRequest(lead, auditId, { title: 'Licences', text: 'Every licence record.' });
    await addRequest(lead, auditId, { title: 'Keys', text: 'Every API key.' });
    const [approved, open] = (await grid(lead, auditId)).map((c) => c.id);
    await upload(
      'Licence register',
      'register.pdf',
      await pdfWithPages(['Licence register page one', 'Licence register page two']),
      [approved],
    );
    await upload('Key memo', 'memo.pdf', await pdfWithPages(['Key rotation memo']), [approved]);
    await upload('Dashboard', 'dashboard.png', png(), [approved]);
    await upload('Key export', 'keys.csv', Buffer.from('app,keys\r\nAnalytics,2\r\n'), [approved]);
    await upload('Draft notes', 'notes.pdf', await pdfWithPages(['Unreviewed notes']), [open]);
    // Approved once its evidence is in: an approval covers what backs the answer.
    await t.prisma.response.update({ where: { id: approved }, data: { status: 'APPROVED' } });

    const designations = await lead.put(`${base()}/production-designations`).send({ labels: [CONFIDENTIAL, AEO] });
    expect(designations.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('offers only evidence supporting an approved response for release', async () => {
    const res = await lead.get(`${base()}/releasable-evidence`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { fileName: string }) => i.fileName).sort()).toEqual([
      'dashboard.png',
      'keys.csv',
      'memo.pdf',
      'register.pdf',
    ]);
  });

  it('builds a draft: refuses unapproved evidence, unknown designations and a second copy', async () => {
    const created = await newVolume('MSFT-TWTR-VOL001');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'DRAFT', documentCount: 0, firstBates: null, downloadUrl: null });
    const id = created.body.id as string;
    expectProblem(await newVolume('MSFT-TWTR-VOL001'), 409, 'DUPLICATE', ['name']);

    expectProblem(await addDoc(id, 'notes.pdf', CONFIDENTIAL), 422, 'RULE_VIOLATION', ['evidenceVersionId']);
    expectProblem(await addDoc(id, 'memo.pdf', 'SECRET'), 400, 'VALIDATION_FAILED', ['designation']);
    expect((await addDoc(id, 'register.pdf', CONFIDENTIAL)).status).toBe(201);
    expectProblem(await addDoc(id, 'register.pdf', CONFIDENTIAL), 409, 'DUPLICATE', ['evidenceVersionId']);
    expect((await addDoc(id, 'memo.pdf', AEO)).status).toBe(201);
    expect((await addDoc(id, 'dashboard.png', CONFIDENTIAL)).status).toBe(201);
    const last = await addDoc(id, 'keys.csv', CONFIDENTIAL);
    expect(last.status).toBe(201);
    expect(last.body.documents.map((d: { fileName: string }) => d.fileName)).toEqual([
      'register.pdf',
      'memo.pdf',
      'dashboard.png',
      'keys.csv',
    ]);
    volume = { id, zip: new Map(), zipBytes: Buffer.alloc(0), body: last.body };
  });

  it('lets only counsel and above produce', async () => {
    const contributor = await newUser(t.prisma, { name: 'Carl Contributor' });
    await addMember(lead, auditId, contributor, 'CONTRIBUTOR');
    const as = await tokenAgent(t.http, contributor);
    expectProblem(await as.post(`${base()}/productions/${volume.id}/produce`), 403, 'FORBIDDEN');
    const body = {
      name: 'X-VOL',
      batesPrefix: 'X-',
      recipient: 'Anyone',
      productionDate: '2023-06-01',
      deliveryMethod: 'Email',
    };
    expectProblem(await as.post(`${base()}/productions`).send(body), 403, 'FORBIDDEN');
    expect((await as.get(`${base()}/productions`)).status).toBe(200);
  });

  it('produces the volume in the worker and serves the ZIP whose SHA-256 it recorded', async () => {
    const started = await lead.post(`${base()}/productions/${volume.id}/produce`);
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('PRODUCING');
    const produced = await waitProduced(volume.id);
    expect(produced).toMatchObject({
      status: 'PRODUCED',
      progress: 100,
      error: null,
      firstBates: 'MSFT-TWTR-000001',
      lastBates: 'MSFT-TWTR-000005',
      lastNumber: 5,
      pageCount: 5,
      producedBy: { name: 'Lena Lead' },
      createdBy: { name: 'Lena Lead' },
      downloadUrl: `/api/audits/${auditId}/productions/${volume.id}/volume`,
    });
    expect(
      produced.documents.map((d: Record<string, unknown>) => [d.fileName, d.begBates, d.endBates, d.pageCount]),
    ).toEqual([
      ['register.pdf', 'MSFT-TWTR-000001', 'MSFT-TWTR-000002', 2],
      ['memo.pdf', 'MSFT-TWTR-000003', 'MSFT-TWTR-000003', 1],
      ['dashboard.png', 'MSFT-TWTR-000004', 'MSFT-TWTR-000004', 1],
      ['keys.csv', 'MSFT-TWTR-000005', 'MSFT-TWTR-000005', 1],
    ]);

    const res = await lead.get(produced.downloadUrl).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="MSFT-TWTR-VOL001.zip"');
    const zipBytes = res.body as Buffer;
    expect(sha256(zipBytes)).toBe(produced.zipSha256);
    expect(zipBytes.length).toBe(produced.zipSizeBytes);
    volume = { ...volume, zipBytes, zip: await readZip(zipBytes), body: produced };
  });

  it('lays the volume out as IMAGES, NATIVES, TEXT and DATA with the index', () => {
    expect([...volume.zip.keys()].sort()).toEqual([
      'DATA/MSFT-TWTR-VOL001.dat',
      'DATA/MSFT-TWTR-VOL001.opt',
      'IMAGES/MSFT-TWTR-000001.pdf',
      'IMAGES/MSFT-TWTR-000003.pdf',
      'IMAGES/MSFT-TWTR-000004.pdf',
      'IMAGES/MSFT-TWTR-000005.pdf',
      'MSFT-TWTR-VOL001_INDEX.pdf',
      'NATIVES/MSFT-TWTR-000005.csv',
      'TEXT/MSFT-TWTR-000001.txt',
      'TEXT/MSFT-TWTR-000003.txt',
      'TEXT/MSFT-TWTR-000004.txt',
      'TEXT/MSFT-TWTR-000005.txt',
    ]);
    expect(volume.zip.get('NATIVES/MSFT-TWTR-000005.csv')).toEqual(uploads['keys.csv'].bytes);
    expect(volume.zip.get('TEXT/MSFT-TWTR-000005.txt')!.toString('utf8')).toBe('app,keys\r\nAnalytics,2\r\n');
    const registerText = volume.zip.get('TEXT/MSFT-TWTR-000001.txt')!.toString('utf8');
    expect(registerText).toContain('Licence register page one');
    expect(registerText).toContain('Licence register page two');
    expect(volume.zip.get('TEXT/MSFT-TWTR-000004.txt')!.length).toBe(0);
  });

  it('stamps every page with its Bates number and designation and keeps the text', () => {
    const pages = (name: string) => pdfPages(volume.zip.get(`IMAGES/${name}.pdf`)!);
    const register = pages('MSFT-TWTR-000001');
    expect(register).toHaveLength(2);
    expect(register[0]).toContain('Licence register page one');
    expect(register[0]).toContain('MSFT-TWTR-000001');
    expect(register[0]).toContain(CONFIDENTIAL);
    expect(register[1]).toContain('Licence register page two');
    expect(register[1]).toContain('MSFT-TWTR-000002');
    const memo = pages('MSFT-TWTR-000003');
    expect(memo[0]).toContain('Key rotation memo');
    expect(memo[0]).toContain('MSFT-TWTR-000003');
    expect(memo[0]).toContain(AEO);
    const image = pages('MSFT-TWTR-000004');
    expect(image).toHaveLength(1);
    expect(image[0]).toContain('MSFT-TWTR-000004');
    const slip = pages('MSFT-TWTR-000005');
    expect(slip).toHaveLength(1);
    expect(slip[0]).toContain('MSFT-TWTR-000005');
    expect(squash(slip[0])).toContain(squash('Document produced in native format'));
    expect(slip[0]).toContain('keys.csv');
  });

  it('writes a DAT load file with both hashes of every document, each equal to the bytes', () => {
    const rows = readDat(volume.zip.get('DATA/MSFT-TWTR-VOL001.dat')!);
    const hashOf = (entry: string) => sha256(volume.zip.get(entry)!);
    expect(rows).toEqual([
      {
        BEGBATES: 'MSFT-TWTR-000001',
        ENDBATES: 'MSFT-TWTR-000002',
        CUSTODIAN: 'Dana Ops',
        FILENAME: 'register.pdf',
        DOCDATE: '05/20/2023',
        PRODSHA256: hashOf('IMAGES/MSFT-TWTR-000001.pdf'),
        ORIGSHA256: sha256(uploads['register.pdf'].bytes),
        CONFIDENTIALITY: CONFIDENTIAL,
        NATIVEPATH: '',
        TEXTPATH: 'TEXT/MSFT-TWTR-000001.txt',
        REDACTED: 'N',
      },
      expect.objectContaining({
        BEGBATES: 'MSFT-TWTR-000003',
        ENDBATES: 'MSFT-TWTR-000003',
        PRODSHA256: hashOf('IMAGES/MSFT-TWTR-000003.pdf'),
        ORIGSHA256: sha256(uploads['memo.pdf'].bytes),
        CONFIDENTIALITY: AEO,
      }),
      expect.objectContaining({
        BEGBATES: 'MSFT-TWTR-000004',
        FILENAME: 'dashboard.png',
        PRODSHA256: hashOf('IMAGES/MSFT-TWTR-000004.pdf'),
        ORIGSHA256: sha256(uploads['dashboard.png'].bytes),
      }),
      expect.objectContaining({
        BEGBATES: 'MSFT-TWTR-000005',
        FILENAME: 'keys.csv',
        PRODSHA256: hashOf('NATIVES/MSFT-TWTR-000005.csv'),
        ORIGSHA256: sha256(uploads['keys.csv'].bytes),
        NATIVEPATH: 'NATIVES/MSFT-TWTR-000005.csv',
      }),
    ]);
    expect(volume.body.documents.map((d: { producedSha256: string }) => d.producedSha256)).toEqual(
      rows.map((r) => r.PRODSHA256),
    );
  });

  it('writes an Opticon OPT line per page', () => {
    const text = volume.zip.get('DATA/MSFT-TWTR-VOL001.opt')!.toString('utf8');
    expect(text.split('\r\n')).toEqual([
      'MSFT-TWTR-000001,MSFT-TWTR-VOL001,IMAGES\\MSFT-TWTR-000001.pdf,Y,,,2',
      'MSFT-TWTR-000002,MSFT-TWTR-VOL001,IMAGES\\MSFT-TWTR-000001.pdf,,,,',
      'MSFT-TWTR-000003,MSFT-TWTR-VOL001,IMAGES\\MSFT-TWTR-000003.pdf,Y,,,1',
      'MSFT-TWTR-000004,MSFT-TWTR-VOL001,IMAGES\\MSFT-TWTR-000004.pdf,Y,,,1',
      'MSFT-TWTR-000005,MSFT-TWTR-VOL001,IMAGES\\MSFT-TWTR-000005.pdf,Y,,,1',
      '',
    ]);
  });

  it('lists every document with its range, designation and both hashes in the index PDF', () => {
    const index = volume.zip.get('MSFT-TWTR-VOL001_INDEX.pdf')!;
    expect(pdfInfo(index).landscapePages.length).toBe(pdfInfo(index).pages);
    const text = squash(pdfPages(index).join('\n'));
    const rows = readDat(volume.zip.get('DATA/MSFT-TWTR-VOL001.dat')!);
    for (const row of rows) {
      expect(text).toContain(row.BEGBATES);
      expect(text).toContain(squash(row.FILENAME));
      expect(text).toContain(squash(row.CONFIDENTIALITY));
      expect(text).toContain(row.PRODSHA256);
      expect(text).toContain(row.ORIGSHA256);
    }
  });

  it('heads the index as a served document: no work-product legend, no internal title or reference', () => {
    const pages = pdfPages(volume.zip.get('MSFT-TWTR-VOL001_INDEX.pdf')!);
    const all = pages.join('\n');
    for (const internal of ['ATTORNEY WORK PRODUCT', 'PRIVILEGED', audit.title, audit.referenceCode])
      expect(all).not.toContain(internal);
    pages.forEach((page, i) => {
      expect(page).toContain(
        "Licensee Inc — Licensor Corp's audit demand of 10 May 2023 under the Developer Agreement",
      );
      expect(page).toContain(`Page ${i + 1} of ${pages.length} — MSFT-TWTR-VOL001`);
    });
    expect(squash(pages[0])).toContain(squash('Producing party Licensee Inc'));
  });

  it('keeps a produced volume as it is', async () => {
    const url = `${base()}/productions/${volume.id}`;
    expectProblem(await lead.patch(url).send({ recipient: 'Someone else' }), 409, 'CONFLICT');
    expectProblem(await addDoc(volume.id, 'notes.pdf', CONFIDENTIAL), 409, 'CONFLICT');
    expectProblem(await lead.delete(`${url}/documents/${volume.body.documents[0].id}`), 409, 'CONFLICT');
    const again = await lead.post(`${url}/produce`);
    expectProblem(again, 409, 'CONFLICT');
    expect(again.body.detail).toBe('Volume MSFT-TWTR-VOL001 has been produced and can no longer be changed.');
    expect((await lead.get(url)).body).toEqual(volume.body);
  });

  it('verifies the stored files and reports one that was altered', async () => {
    const ok = await lead.post(`${base()}/productions/${volume.id}/verify`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ result: 'MATCH', filesChecked: 13, differences: [] });

    const memo = volume.zip.get('IMAGES/MSFT-TWTR-000003.pdf')!;
    const store = new LocalBlobStore(storageDir);
    writeFileSync(store.pathOf(`sha256/${sha256(memo)}`), Buffer.concat([memo, Buffer.from('%tampered')]));
    const bad = await lead.post(`${base()}/productions/${volume.id}/verify`);
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({
      result: 'MISMATCH',
      differences: [
        {
          path: 'IMAGES/MSFT-TWTR-000003.pdf',
          result: 'MISMATCH',
          expectedSha256: sha256(memo),
          actualSha256: sha256(Buffer.concat([memo, Buffer.from('%tampered')])),
        },
      ],
    });
    expect((await lead.get(`${base()}/productions/${volume.id}`)).body.lastVerification).toBe('MISMATCH');
    writeFileSync(store.pathOf(`sha256/${sha256(memo)}`), memo);
  });

  it('numbers two volumes produced at once without sharing a number', async () => {
    const ids: string[] = [];
    for (const name of ['MSFT-TWTR-VOL002', 'MSFT-TWTR-VOL003']) {
      const created = await newVolume(name);
      ids.push(created.body.id);
      expect((await addDoc(created.body.id, 'register.pdf', CONFIDENTIAL)).status).toBe(201);
      expect((await addDoc(created.body.id, 'memo.pdf', CONFIDENTIAL)).status).toBe(201);
    }
    const started = await Promise.all(ids.map((id) => lead.post(`${base()}/productions/${id}/produce`)));
    expect(started.map((r) => r.status)).toEqual([202, 202]);
    const done = await Promise.all(ids.map(waitProduced));
    expect(done.map((d) => d.status)).toEqual(['PRODUCED', 'PRODUCED']);
    const ranges = done
      .map((d) => [Number(d.firstBates.slice(-6)), Number(d.lastBates.slice(-6))])
      .sort((a, b) => a[0] - b[0]);
    // Volume 1 took 1-5; these two take 6-8 and 9-11, in whichever order they ran.
    expect(ranges).toEqual([
      [6, 8],
      [9, 11],
    ]);
    const numbers = await t.prisma.batesNumber.findMany({ where: { auditId }, orderBy: { number: 'asc' } });
    expect(numbers.map((n) => n.number)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    await expect(
      t.prisma.batesNumber.create({
        data: { auditId, prefix: 'MSFT-TWTR-', number: 7, productionId: ids[0] },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('records what was produced in the activity log', async () => {
    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'production', entityId: volume.id },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual([
      'created',
      'document_added',
      'document_added',
      'document_added',
      'document_added',
      'produce_requested',
      'produced',
      'downloaded',
      'integrity_verified',
      'integrity_failed',
    ]);
  });
});
