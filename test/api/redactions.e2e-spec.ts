// Redaction boxes over pages of PDF evidence: the page sizes and page images the UI draws them
// on (a real multi-page PDF made with pdf-lib, the PNG decoded with @napi-rs/canvas), the boxes'
// CRUD with their activity, the field named for a box off the page or on a page that does not
// exist, non-PDF versions, who may read and write, and the refusal while a volume is produced.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  type Agent,
  expectProblem,
  newAuditViaApi,
  newUser,
  tokenAgent,
  type TestUser,
} from '../support/factories';
import { multipart } from '../support/multipart';
import { getPdf } from '../support/pdf';

/** Letter portrait, A4 rotated a quarter turn (displayed landscape), and a small square page. */
async function threePagePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const first = pdf.addPage([612, 792]);
  first.drawText('Page one', { x: 72, y: 700, size: 14, font });
  // A black band across the top half of page one, so the image shows the page was drawn.
  first.drawRectangle({ x: 0, y: 396, width: 612, height: 396, color: rgb(0, 0, 0) });
  const second = pdf.addPage([595, 842]);
  second.setRotation(degrees(90));
  second.drawText('Page two', { x: 72, y: 700, size: 14, font });
  pdf.addPage([300, 300]).drawText('Page three', { x: 20, y: 150, size: 14, font });
  return Buffer.from(await pdf.save());
}

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};

describe('redactions', () => {
  let t: TestApp;
  let lead: TestUser;
  let asLead: Agent;
  let asCounsel: Agent;
  let asContributor: Agent;
  let asViewer: Agent;
  let asOutsider: Agent;
  let auditId: string;
  let pdfId: string;
  let textId: string;
  const versionBase = (evidenceId = pdfId, number = 1) =>
    `/api/audits/${auditId}/evidence/${evidenceId}/versions/${number}`;

  const upload = async (fileName: string, content: Buffer) => {
    const form = multipart([['title', fileName]], { fileName, content });
    const res = await asLead
      .post(`/api/audits/${auditId}/evidence/files`)
      .set('Content-Type', form.contentType)
      .send(form.body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-06-01T15:00:00Z' });
    lead = await newUser(t.prisma, { name: 'Lena Lead' });
    const counsel = await newUser(t.prisma, { name: 'Cora Counsel' });
    const contributor = await newUser(t.prisma, { name: 'Cal Contributor' });
    const viewer = await newUser(t.prisma, { name: 'Vic Viewer' });
    const outsider = await newUser(t.prisma, { name: 'Otto Outsider' });
    asLead = await tokenAgent(t.http, lead);
    asCounsel = await tokenAgent(t.http, counsel);
    asContributor = await tokenAgent(t.http, contributor);
    asViewer = await tokenAgent(t.http, viewer);
    asOutsider = await tokenAgent(t.http, outsider);
    auditId = (await newAuditViaApi(asLead)).id;
    await addMember(asLead, auditId, counsel, 'COUNSEL');
    await addMember(asLead, auditId, contributor, 'CONTRIBUTOR');
    await addMember(asLead, auditId, viewer, 'VIEWER');
    pdfId = await upload('contract.pdf', await threePagePdf());
    textId = await upload('notes.txt', Buffer.from('Plain notes, not a PDF.\n'));
  }, 60_000);

  afterAll(() => t?.close());

  it('gives each page its size in points as displayed, rotation applied', async () => {
    const res = await asViewer.get(`${versionBase()}/pages`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      pageCount: 3,
      pages: [
        { number: 1, width: 612, height: 792 },
        { number: 2, width: 842, height: 595 },
        { number: 3, width: 300, height: 300 },
      ],
    });
  });

  it('draws a page as a PNG of the asked width, the page itself on it, never cached', async () => {
    const res = await getPdf(asViewer, `${versionBase()}/pages/1/image`, { width: '400' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const png = res.body as Buffer;
    expect(pngSize(png)).toEqual({ width: 400, height: Math.round((400 * 792) / 612) });
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    // The band drawn over the top half is black; the bottom half is white paper.
    expect([...context.getImageData(200, 100, 1, 1).data]).toEqual([0, 0, 0, 255]);
    expect([...context.getImageData(200, 450, 1, 1).data]).toEqual([255, 255, 255, 255]);

    const rotated = await getPdf(asViewer, `${versionBase()}/pages/2/image`);
    expect(pngSize(rotated.body as Buffer)).toEqual({ width: 1000, height: Math.round((1000 * 595) / 842) });
  });

  it('names the width or page that cannot be drawn', async () => {
    expectProblem(await asViewer.get(`${versionBase()}/pages/1/image?width=150`), 400, 'VALIDATION_FAILED', ['width']);
    expectProblem(await asViewer.get(`${versionBase()}/pages/1/image?width=2001`), 400, 'VALIDATION_FAILED', ['width']);
    expectProblem(await asViewer.get(`${versionBase()}/pages/0/image`), 400, 'VALIDATION_FAILED', ['page']);
    expectProblem(await asViewer.get(`${versionBase()}/pages/4/image`), 404, 'NOT_FOUND');
  });

  it('refuses a version that is not a PDF, in plain words', async () => {
    const pages = await asViewer.get(`${versionBase(textId)}/pages`);
    expectProblem(pages, 422, 'RULE_VIOLATION');
    expect(pages.body.detail).toBe('Only PDF documents can be redacted; version 1 of this evidence is text/plain.');
    expectProblem(await asViewer.get(`${versionBase(textId)}/pages/1/image`), 422, 'RULE_VIOLATION');
    const box = { page: 1, x: 0.1, y: 0.1, width: 0.2, height: 0.1, reason: 'PRIVILEGE' };
    expectProblem(await asCounsel.post(`${versionBase(textId)}/redactions`).send(box), 422, 'RULE_VIOLATION');
    expect((await asViewer.get(`${versionBase(textId)}/redactions`)).body).toEqual({ items: [] });
  });

  it('adds, lists in page order, changes and removes boxes, recording each', async () => {
    const post = (body: Record<string, unknown>) => asCounsel.post(`${versionBase()}/redactions`).send(body);
    const lower = await post({ page: 2, x: 0.1, y: 0.6, width: 0.3, height: 0.1, reason: 'TRADE_SECRET' });
    expect(lower.status).toBe(201);
    expect(lower.body).toEqual({
      id: expect.any(String),
      page: 2,
      x: 0.1,
      y: 0.6,
      width: 0.3,
      height: 0.1,
      reason: 'TRADE_SECRET',
      note: null,
      createdAt: '2023-06-01T15:00:00.000Z',
      createdBy: { id: expect.any(String), name: 'Cora Counsel' },
    });
    const upper = await post({
      page: 2,
      x: 0.5,
      y: 0.2,
      width: 0.2,
      height: 0.1,
      reason: 'PRIVILEGE',
      note: ' Advice ',
    });
    const first = await post({ page: 1, x: 0, y: 0, width: 1, height: 1, reason: 'NON_RESPONSIVE' });
    expect([upper.status, first.status]).toEqual([201, 201]);
    expect(upper.body.note).toBe('Advice');

    const listed = await asViewer.get(`${versionBase()}/redactions`);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([first.body.id, upper.body.id, lower.body.id]);

    const changed = await asLead
      .patch(`${versionBase()}/redactions/${lower.body.id}`)
      .send({ y: 0.05, reason: 'PERSONAL_DATA', note: 'Home address' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ page: 2, x: 0.1, y: 0.05, width: 0.3, reason: 'PERSONAL_DATA' });
    expect((await asViewer.get(`${versionBase()}/redactions`)).body.items.map((r: { id: string }) => r.id)).toEqual([
      first.body.id,
      lower.body.id,
      upper.body.id,
    ]);

    expect((await asCounsel.delete(`${versionBase()}/redactions/${first.body.id}`)).status).toBe(204);
    expectProblem(await asCounsel.delete(`${versionBase()}/redactions/${first.body.id}`), 404, 'NOT_FOUND');
    expect((await asViewer.get(`${versionBase()}/redactions`)).body.items).toHaveLength(2);

    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'redaction' },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.entityId, e.action])).toEqual([
      [lower.body.id, 'created'],
      [upper.body.id, 'created'],
      [first.body.id, 'created'],
      [lower.body.id, 'updated'],
      [first.body.id, 'deleted'],
    ]);
    expect(events[3].changes).toEqual({
      box: {
        before: { x: 0.1, y: 0.6, width: 0.3, height: 0.1 },
        after: { x: 0.1, y: 0.05, width: 0.3, height: 0.1 },
      },
      reason: { before: 'TRADE_SECRET', after: 'PERSONAL_DATA' },
      note: { before: null, after: 'Home address' },
    });
    expect(events[0].changes).toMatchObject({ evidenceId: { before: null, after: pdfId }, page: { after: 2 } });
  });

  it('names the field of a box off the page, on a page that does not exist, or without a reason', async () => {
    const post = (body: Record<string, unknown>) => asCounsel.post(`${versionBase()}/redactions`).send(body);
    const box = { page: 1, x: 0.1, y: 0.1, width: 0.2, height: 0.1, reason: 'PRIVILEGE' };
    expectProblem(await post({ ...box, page: 4 }), 400, 'VALIDATION_FAILED', ['page']);
    expect((await post({ ...box, page: 4 })).body.detail).toBe('page must be between 1 and 3');
    expectProblem(await post({ ...box, x: 0.9 }), 400, 'VALIDATION_FAILED', ['width']);
    expectProblem(await post({ ...box, y: -0.1 }), 400, 'VALIDATION_FAILED', ['y']);
    expectProblem(await post({ ...box, height: 0 }), 400, 'VALIDATION_FAILED', ['height']);
    expectProblem(await post({ ...box, reason: 'EMBARRASSING' }), 400, 'VALIDATION_FAILED', ['reason']);
    expectProblem(await post({ ...box, x: '0.1' }), 400, 'VALIDATION_FAILED', ['x']);
    const [some] = (await asViewer.get(`${versionBase()}/redactions`)).body.items as { id: string }[];
    expectProblem(
      await asCounsel.patch(`${versionBase()}/redactions/${some.id}`).send({ x: 0.95 }),
      400,
      'VALIDATION_FAILED',
      ['width'],
    );
    expectProblem(await asCounsel.get(`${versionBase(pdfId, 2)}/redactions`), 404, 'NOT_FOUND');
  });

  it('lets every member read and counsel and above write; others are told it does not exist', async () => {
    const box = { page: 3, x: 0.1, y: 0.1, width: 0.2, height: 0.1, reason: 'PRIVILEGE' };
    for (const agent of [asContributor, asViewer]) {
      expect((await agent.get(`${versionBase()}/redactions`)).status).toBe(200);
      expectProblem(await agent.post(`${versionBase()}/redactions`).send(box), 403, 'FORBIDDEN');
    }
    const [some] = (await asViewer.get(`${versionBase()}/redactions`)).body.items as { id: string }[];
    expectProblem(
      await asContributor.patch(`${versionBase()}/redactions/${some.id}`).send({ x: 0.2 }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await asViewer.delete(`${versionBase()}/redactions/${some.id}`), 403, 'FORBIDDEN');
    for (const path of ['pages', 'pages/1/image', 'redactions'])
      expectProblem(await asOutsider.get(`${versionBase()}/${path}`), 404, 'NOT_FOUND');
    expectProblem(await asOutsider.post(`${versionBase()}/redactions`).send(box), 404, 'NOT_FOUND');
    expectProblem(await asOutsider.delete(`${versionBase()}/redactions/${some.id}`), 404, 'NOT_FOUND');
    expect((await asViewer.get(`${versionBase()}/redactions`)).body.items.map((r: { id: string }) => r.id)).toContain(
      some.id,
    );
  });

  it('refuses changes while a volume with the version is being produced, and allows them once it is produced', async () => {
    const version = await t.prisma.evidenceVersion.findFirstOrThrow({ where: { evidenceId: pdfId, number: 1 } });
    const volume = await t.prisma.production.create({
      data: {
        auditId,
        name: 'RED-VOL001',
        batesPrefix: 'RED-',
        startNumber: 1,
        padWidth: 6,
        recipient: 'Other side',
        productionDate: new Date('2023-06-01'),
        deliveryMethod: 'Secure file transfer',
        status: 'PRODUCING',
        documents: { create: { evidenceVersionId: version.id, designation: 'CONFIDENTIAL', position: 1 } },
      },
    });
    const [some] = (await asViewer.get(`${versionBase()}/redactions`)).body.items as { id: string }[];
    const box = { page: 3, x: 0.1, y: 0.1, width: 0.2, height: 0.1, reason: 'PRIVILEGE' };
    const refused = await asCounsel.post(`${versionBase()}/redactions`).send(box);
    expectProblem(refused, 409, 'CONFLICT');
    expect(refused.body.detail).toBe(
      'Volume RED-VOL001 is being produced with this document; its redactions can change once the volume is produced.',
    );
    expectProblem(await asCounsel.patch(`${versionBase()}/redactions/${some.id}`).send({ x: 0.2 }), 409, 'CONFLICT');
    expectProblem(await asCounsel.delete(`${versionBase()}/redactions/${some.id}`), 409, 'CONFLICT');

    await t.prisma.production.update({ where: { id: volume.id }, data: { status: 'PRODUCED' } });
    expect((await asCounsel.post(`${versionBase()}/redactions`).send(box)).status).toBe(201);
  });

  it('records who drew each box', async () => {
    const res = await asLead
      .post(`${versionBase()}/redactions`)
      .send({ page: 3, x: 0.5, y: 0.5, width: 0.1, height: 0.1, reason: 'PERSONAL_DATA' });
    expect(res.status).toBe(201);
    expect(res.body.createdBy).toEqual({ id: lead.id, name: 'Lena Lead' });
  });
});
