// The redaction proof (issue 15): a PDF made here with known strings at known places, boxes
// drawn over some of them through the API, the volume produced by the real worker, and the
// produced PDF read back with PDF.js as the other side would: every boxed string is gone from
// its text and from the TEXT/ file, every other string is there (Latin and Greek, so the
// invisible text layer is Unicode), every page carries its Bates number, and the boxed area of
// the page is black when it is drawn. Then the DAT, the index, the volume's documents and the
// privilege log entry that waited for the Bates numbers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createTestApp, type TestApp } from '../support/app';
import { binary, type Body, sleep } from '../support/bytes';
import { createTestWorker } from '../support/worker';
import { addRequest, addSubject, type Agent, grid, newAuditViaApi, newUser, tokenAgent } from '../support/factories';
import { multipart } from '../support/multipart';
import { pageOnePng, pdfPages, squash } from '../support/pdf';
import { readZip } from '../support/zip';

const PAGE = { width: 612, height: 792 };
const SIZE = 14;

/** A string drawn at (x, y) in PDF points (baseline, origin bottom left) on a 1-based page. */
interface Placed {
  page: number;
  text: string;
  x: number;
  y: number;
}

const BOXED: (Placed & { reason: string })[] = [
  { page: 1, text: 'SECRET-ALPHA-7731', x: 72, y: 700, reason: 'PRIVILEGE' },
  { page: 1, text: 'PRIVILEGED-BETA-2208', x: 320, y: 500, reason: 'PRIVILEGE' },
  { page: 3, text: 'PERSONAL-GAMMA-5150', x: 72, y: 300, reason: 'PERSONAL_DATA' },
];
const KEPT: Placed[] = [
  { page: 1, text: 'PUBLIC-ONE-1001', x: 72, y: 600 },
  { page: 1, text: 'PUBLIC-TWO-1002', x: 72, y: 500 },
  { page: 2, text: 'PUBLIC-THREE-1003', x: 72, y: 700 },
  { page: 3, text: 'PUBLIC-FOUR-1004', x: 72, y: 600 },
];
/** Non-WinAnsi text on a redacted page: it must survive in the rebuilt text layer. */
const GREEK = 'Ελληνικά-κείμενο';

async function knownPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const pages = [1, 2, 3].map(() => pdf.addPage([PAGE.width, PAGE.height]));
  for (const s of [...BOXED, ...KEPT]) pages[s.page - 1].drawText(s.text, { x: s.x, y: s.y, size: SIZE, font });
  // Greek through a Unicode font (the vendored Noto Sans) on page 1, away from every box.
  const fontkit = (await import('@pdf-lib/fontkit')).default;
  pdf.registerFontkit(fontkit);
  const noto = await pdf.embedFont(
    readFileSync(path.resolve(__dirname, '../../libs/documents/fonts/NotoSans-Regular.ttf')),
  );
  pages[0].drawText(GREEK, { x: 72, y: 400, size: SIZE, font: noto });
  return Buffer.from(await pdf.save());
}

/** A box a little larger than the string, in fractions of the page from its top left corner. */
function boxOver(s: Placed) {
  const width = s.text.length * SIZE * 0.7;
  return {
    page: s.page,
    x: (s.x - 4) / PAGE.width,
    y: (PAGE.height - s.y - SIZE - 4) / PAGE.height,
    width: (width + 8) / PAGE.width,
    height: (SIZE + 10) / PAGE.height,
  };
}

describe('redactions burnt in when a volume is produced', () => {
  let t: TestApp;
  let worker: INestApplication;
  let storageDir: string;
  let lead: Agent;
  let auditId: string;
  let evidenceId: string;
  let versionId: string;
  let produced: Body;
  let zip: Map<string, Buffer>;
  let entryId: string;
  const base = () => `/api/audits/${auditId}`;

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-redaction-'));
    const env = { STORAGE_DRIVER: 'local' as const, STORAGE_DIR: storageDir };
    t = await createTestApp({ now: '2023-06-01T15:00:00Z', env });
    worker = (await createTestWorker({ clock: t.clock, env })).app;
    lead = await tokenAgent(t.http, await newUser(t.prisma, { name: 'Lena Lead' }));
    auditId = (await newAuditViaApi(lead)).id;
    await addSubject(lead, auditId, { name: 'Analytics app' });
    await addRequest(lead, auditId, { title: 'Contracts', text: 'Every contract.' });
    const [cell] = await grid(lead, auditId);
    const form = multipart(
      [
        ['title', 'Supply contract'],
        ['responseIds', cell.id],
      ],
      { fileName: 'contract.pdf', content: await knownPdf() },
    );
    const uploaded = await lead.post(`${base()}/evidence/files`).set('Content-Type', form.contentType).send(form.body);
    expect(uploaded.status).toBe(201);
    evidenceId = uploaded.body.id;
    versionId = uploaded.body.currentVersion.id;
    // Approved once its evidence is in: an approval covers what backs the answer.
    await t.prisma.response.update({ where: { id: cell.id }, data: { status: 'APPROVED' } });
    for (const s of BOXED) {
      const res = await lead
        .post(`${base()}/evidence/${evidenceId}/versions/1/redactions`)
        .send({ ...boxOver(s), reason: s.reason });
      expect(res.status).toBe(201);
    }
    expect((await lead.put(`${base()}/production-designations`).send({ labels: ['CONFIDENTIAL'] })).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('flags a privilege redaction with no privilege log entry before producing', async () => {
    const volume = await lead.post(`${base()}/productions`).send({
      name: 'RED-VOL001',
      batesPrefix: 'RED-',
      startNumber: 1,
      padWidth: 6,
      recipient: 'Counsel for the other side',
      productionDate: '2023-06-01',
      deliveryMethod: 'Secure file transfer',
    });
    expect(volume.status).toBe(201);
    const added = await lead
      .post(`${base()}/productions/${volume.body.id}/documents`)
      .send({ evidenceVersionId: versionId, designation: 'CONFIDENTIAL' });
    expect(added.status).toBe(201);
    expect(added.body.documents[0]).toMatchObject({
      redactionCount: 3,
      privilegeRedacted: true,
      privilegeLogMissing: true,
    });
    // Logged before it is produced: the Bates numbers are left for the production to fill in.
    const entry = await lead.post(`${base()}/privilege-log`).send({
      evidenceVersionId: versionId,
      documentType: 'Contract',
      description: 'Contract clause reflecting legal advice of counsel',
      privilege: 'ATTORNEY_CLIENT',
      treatment: 'REDACTED',
    });
    expect(entry.status).toBe(201);
    expect(entry.body).toMatchObject({ batesBegin: null, batesEnd: null });
    entryId = entry.body.id;
    const docs = await lead.get(`${base()}/productions/${volume.body.id}/documents`);
    expect(docs.body.items[0]).toMatchObject({ privilegeRedacted: true, privilegeLogMissing: false });

    expect((await lead.post(`${base()}/productions/${volume.body.id}/produce`)).status).toBe(202);
    for (let i = 0; i < 1200; i++) {
      produced = (await lead.get(`${base()}/productions/${volume.body.id}`)).body;
      if (produced.status === 'PRODUCED' || produced.status === 'FAILED') break;
      await sleep(100);
    }
    expect(produced).toMatchObject({
      status: 'PRODUCED',
      error: null,
      firstBates: 'RED-000001',
      lastBates: 'RED-000003',
    });
    const res = await lead.get(produced.downloadUrl).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    zip = await readZip(res.body as Buffer);
  }, 180_000);

  it('leaves no boxed string in the produced PDF and every other one, with a Bates number on every page', () => {
    expect([...zip.keys()].filter((k) => k.startsWith('NATIVES/'))).toEqual([]);
    const pages = pdfPages(zip.get('IMAGES/RED-000001.pdf')!);
    expect(pages).toHaveLength(3);
    const all = squash(pages.join('\n'));
    for (const s of BOXED) expect(all).not.toContain(s.text);
    for (const s of KEPT) expect(squash(pages[s.page - 1])).toContain(s.text);
    expect(squash(pages[0])).toContain(squash(GREEK));
    pages.forEach((text, i) => expect(squash(text)).toContain(`RED-00000${i + 1}`));
    pages.forEach((text) => expect(text).toContain('CONFIDENTIAL'));
  });

  it('derives the TEXT file from the redacted copy', () => {
    const text = zip.get('TEXT/RED-000001.txt')!.toString('utf8');
    for (const s of BOXED) expect(text).not.toContain(s.text);
    for (const s of KEPT) expect(text).toContain(s.text);
  });

  it('draws the boxed area black on the produced page', async () => {
    const file = pageOnePng(zip.get('IMAGES/RED-000001.pdf')!, 'redaction-burn-page-1');
    const image = await loadImage(readFileSync(file));
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixel = (fx: number, fy: number) =>
      [...context.getImageData(Math.floor(fx * image.width), Math.floor(fy * image.height), 1, 1).data].slice(0, 3);
    for (const s of BOXED.filter((b) => b.page === 1)) {
      const box = boxOver(s);
      // Corners inset a little and the centre: all black.
      for (const [fx, fy] of [
        [box.x + box.width * 0.05, box.y + box.height * 0.1],
        [box.x + box.width / 2, box.y + box.height / 2],
        [box.x + box.width * 0.95, box.y + box.height * 0.9],
      ])
        expect(pixel(fx, fy)).toEqual([0, 0, 0]);
    }
    // Paper beside the boxes stays white.
    expect(pixel(0.9, 0.3)).toEqual([255, 255, 255]);
  });

  it('marks the document redacted in the DAT, the index and the volume, and fills in the privilege log', async () => {
    const dat = zip.get('DATA/RED-VOL001.dat')!.subarray(3).toString('utf8').split('\r\n');
    const [header, row] = dat.map((line) => line.split('\u0014').map((v) => v.slice(1, -1)));
    expect(row[header.indexOf('REDACTED')]).toBe('Y');
    expect(squash(pdfPages(zip.get('RED-VOL001_INDEX.pdf')!).join('\n'))).toContain('contract.pdfRedacted');
    expect(produced.documents[0]).toMatchObject({
      redactionCount: 3,
      privilegeRedacted: true,
      privilegeLogMissing: false,
    });
    const stored = await t.prisma.productionDocument.findFirstOrThrow({ where: { evidenceVersionId: versionId } });
    expect({ redactionCount: stored.redactionCount, privilegeRedacted: stored.privilegeRedacted }).toEqual({
      redactionCount: 3,
      privilegeRedacted: true,
    });
    const log = (await lead.get(`${base()}/privilege-log`)).body.items as Body[];
    expect(log.find((e) => e.id === entryId)).toMatchObject({ batesBegin: 'RED-000001', batesEnd: 'RED-000003' });
  });
});
