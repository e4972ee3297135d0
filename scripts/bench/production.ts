// `npm run bench:production`: builds a production volume of 500 PDFs x 10 pages (5,000 pages)
// with the worker's own builder (`buildVolume`: page counts, Bates stamps with pdf-lib, text
// with pdfjs-dist, DAT/OPT, the Typst index, the ZIP, every file through the BlobStore), and as
// the baseline in the same run a raw copy of the same originals: each read back and stored
// again, then zipped as they are (no stamps, no text, no load files, no index). Prints time,
// pages per second, the ratio and the process's peak RSS.
//
// The numbers are taken by a counter rather than the database's allocator: the bench measures
// building the volume, not one INSERT of 5,000 rows. No database or Redis is needed.
//
// Options (env): BENCH_PRODUCTION_DOCS (default 500), BENCH_PRODUCTION_PAGES (pages per
// document, default 10).
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { LocalBlobStore } from '@app/storage';
import { writeZip } from '@app/storage';
import { buildVolume, type VolumeDocument } from '../../apps/worker/src/productions/volume-builder';

const DOCS = Number(process.env.BENCH_PRODUCTION_DOCS ?? 500);
const PAGES = Number(process.env.BENCH_PRODUCTION_PAGES ?? 10);

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A text PDF of `pages` letter pages, different for each document (so none is stored twice). */
async function originalPdf(doc: number, pages: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pages; p++) {
    const page = pdf.addPage([612, 792]);
    page.drawText(`Document ${doc}, page ${p}`, { x: 72, y: 720, size: 16, font });
    for (let line = 0; line < 30; line++)
      page.drawText(`Line ${line + 1}: licence usage record ${doc}-${p}-${line} for the audit period.`, {
        x: 72,
        y: 690 - line * 20,
        size: 10,
        font,
      });
  }
  return Buffer.from(await pdf.save());
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'auditdesk-bench-production-'));
  try {
    const store = new LocalBlobStore(path.join(work, 'storage'));
    console.log(`[bench] writing ${DOCS} PDFs of ${PAGES} pages`);
    const documents: VolumeDocument[] = [];
    let originalBytes = 0;
    for (let i = 1; i <= DOCS; i++) {
      const bytes = await originalPdf(i, PAGES);
      originalBytes += bytes.length;
      const stored = await store.put(Readable.from([bytes]));
      documents.push({
        id: randomUUID(),
        designation: i % 2 ? 'CONFIDENTIAL' : 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY',
        fileName: `document-${i}.pdf`,
        mediaType: 'application/pdf',
        originalSha256: stored.sha256,
        storageKey: stored.key,
        custodian: 'Bench Custodian',
        docDate: new Date('2023-05-01T00:00:00Z'),
        redactions: [],
      });
    }
    const pages = DOCS * PAGES;
    const rssBefore = peakRssMb();

    // Baseline: the same originals read back, stored again and zipped as they are.
    const copyStart = process.hrtime.bigint();
    const entries: { path: string; bytes: Buffer }[] = [];
    for (const doc of documents) {
      const bytes = await readAll(await store.open(doc.storageKey));
      // One byte more: the store is content-addressed, and the same bytes could skip the write.
      await store.put(Readable.from([Buffer.concat([bytes, Buffer.from('\n')])]));
      entries.push({ path: `NATIVES/${doc.fileName}`, bytes });
    }
    const zipFile = path.join(work, 'raw.zip');
    await writeZip(zipFile, new Date('2023-06-07T00:00:00Z'), entries);
    await store.put(createReadStream(zipFile));
    const copySeconds = seconds(copyStart);
    const rssAfterCopy = peakRssMb();

    console.log('[bench] building the volume');
    let next = 1;
    const buildStart = process.hrtime.bigint();
    const built = await buildVolume(
      store,
      {
        name: 'BENCH-VOL001',
        batesPrefix: 'BENCH-',
        padWidth: 6,
        recipient: 'Bench recipient',
        productionDate: new Date('2023-06-07T00:00:00Z'),
        deliveryMethod: 'Secure file transfer',
        matter: {
          respondingParty: 'Bench producing party',
          demandingParty: 'Bench demanding party',
          agreementTitle: 'Bench agreement',
          letterDate: null,
        },
      },
      documents,
      {
        allocate: (n) => {
          const first = next;
          next += n;
          return Promise.resolve(first);
        },
        progress: () => Promise.resolve(),
      },
    );
    const buildSeconds = seconds(buildStart);
    if (built.pageCount !== pages) throw new Error(`expected ${pages} pages, the volume has ${built.pageCount}`);

    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    console.log(
      `[bench] ${DOCS} documents, ${pages.toLocaleString('en-US')} pages, originals ${mb(originalBytes)}, volume ZIP ${mb(built.zip.size)}, ${built.files.length} files`,
    );
    console.log(
      `[bench] raw copy (read, store, zip as they are): ${copySeconds.toFixed(1)} s, ${Math.round(pages / copySeconds)} pages/s`,
    );
    console.log(
      `[bench] volume (stamp, text, DAT/OPT, index, zip): ${buildSeconds.toFixed(1)} s, ${Math.round(pages / buildSeconds)} pages/s`,
    );
    console.log(`[bench] ratio volume / raw copy: ${(buildSeconds / copySeconds).toFixed(1)}x`);
    console.log(
      `[bench] peak RSS: ${rssBefore} MB after writing the originals, ${rssAfterCopy} MB after the raw copy, ${peakRssMb()} MB after the volume`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
