import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { formatBates } from '@app/domain';
import { renderDocument } from '@app/documents';
import { type BlobStore, type StoredBlob, storeZip } from '@app/storage';
import type { ServedMatter } from '@app/report';
import { productionIndexData } from './production-index';
import { concordanceDat, type DatRow, opticonOpt, type OptDocument } from './load-files';
import { extractPdfTexts } from './esm-threads';
import { type RedactionBox, redactPdf } from './redact';
import { imagePdf, pdfPageCount, stampPdf } from './stamp';

// Builds a production volume from its documents: stamped images (a PDF with redactions burnt
// in first, and everything else derived from the redacted copy), natives with slip sheets, text, the DAT and OPT load files, the index PDF, then the ZIP. Every file goes through the
// BlobStore (content-addressed, hashed while written), so each is recorded with its SHA-256
// and can be re-hashed later.

export interface VolumeSpec {
  name: string;
  batesPrefix: string;
  padWidth: number;
  recipient: string;
  productionDate: Date;
  deliveryMethod: string;
  /** The matter as the other side knows it: the index is served with the volume. */
  matter: ServedMatter;
}

export interface VolumeDocument {
  id: string;
  designation: string;
  fileName: string;
  mediaType: string;
  originalSha256: string;
  storageKey: string;
  custodian: string | null;
  docDate: Date | null;
  /** Boxes to burn in (PDFs only), with the reason each was drawn for. */
  redactions: (RedactionBox & { reason: string })[];
}

export type FileKind = 'IMAGE' | 'NATIVE' | 'TEXT' | 'DATA' | 'INDEX';

export interface VolumeFile {
  documentId: string | null;
  kind: FileKind;
  path: string;
  sha256: string;
  sizeBytes: number;
  storageKey: string;
}

export interface ProducedDocument {
  id: string;
  beginNumber: number;
  endNumber: number;
  pageCount: number;
  producedSha256: string;
  redactionCount: number;
  privilegeRedacted: boolean;
}

export interface BuiltVolume {
  documents: ProducedDocument[];
  files: VolumeFile[];
  zip: StoredBlob;
  firstNumber: number;
  lastNumber: number;
  pageCount: number;
}

export interface BuildHooks {
  /** Takes the volume's numbers (all pages at once) and returns the first. */
  allocate: (pages: number) => Promise<number>;
  progress: (percent: number) => Promise<void>;
}

type Form = 'PDF' | 'IMAGE' | 'NATIVE';

const formOf = (mediaType: string): Form =>
  mediaType === 'application/pdf'
    ? 'PDF'
    : mediaType === 'image/png' || mediaType === 'image/jpeg'
      ? 'IMAGE'
      : 'NATIVE';

/** Natives whose bytes are their text (the TEXT file is then the native text). */
const isTextual = (mediaType: string): boolean =>
  mediaType.startsWith('text/') || mediaType === 'application/json' || mediaType === 'application/xml';

const extensionOf = (fileName: string): string => {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match ? match[1].toLowerCase() : 'bin';
};

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export async function buildVolume(
  store: BlobStore,
  spec: VolumeSpec,
  documents: readonly VolumeDocument[],
  hooks: BuildHooks,
): Promise<BuiltVolume> {
  // 1. The originals, checked against the hash taken at intake: a volume never carries a file
  //    that changed in storage.
  const originals: Buffer[] = [];
  for (const doc of documents) {
    const bytes = await buffer(await store.open(doc.storageKey));
    if (sha256(bytes) !== doc.originalSha256)
      throw new Error(`The stored file of "${doc.fileName}" no longer matches its SHA-256 recorded at upload.`);
    originals.push(bytes);
  }
  await hooks.progress(5);

  // 2. Redactions burnt in: from here on a redacted PDF stands in for its original, so no
  //    stamp, text or native of the volume is made from what was under a box.
  const forms = documents.map((d) => formOf(d.mediaType));
  const sources: Buffer[] = [];
  for (const [i, doc] of documents.entries()) {
    if (forms[i] !== 'PDF' || doc.redactions.length === 0) sources.push(originals[i]);
    else
      sources.push(
        await redactPdf(originals[i], doc.redactions).catch((error: Error) => {
          throw new Error(`The redactions of "${doc.fileName}" could not be burnt in: ${error.message}`);
        }),
      );
  }
  await hooks.progress(10);

  // 3. Page counts decide the numbers: a PDF keeps its pages, an image or a native is one page.
  const pageCounts: number[] = [];
  for (const [i, doc] of documents.entries()) {
    if (forms[i] !== 'PDF') pageCounts.push(1);
    else
      pageCounts.push(
        await pdfPageCount(sources[i]).catch((error: Error) => {
          throw new Error(`"${doc.fileName}" is ${error.message}.`);
        }),
      );
  }
  const pageCount = pageCounts.reduce((a, b) => a + b, 0);
  const firstNumber = await hooks.allocate(pageCount);
  const bates = (n: number) => formatBates(spec.batesPrefix, n, spec.padWidth);
  await hooks.progress(15);

  // 4. Texts of the PDFs, read before stamping (the stamps add nothing worth searching).
  const pdfIndexes = forms.flatMap((form, i) => (form === 'PDF' ? [i] : []));
  const pdfTexts = await extractPdfTexts(pdfIndexes.map((i) => sources[i]));
  const textOf = new Map(pdfIndexes.map((docIndex, k) => [docIndex, pdfTexts[k]]));
  await hooks.progress(25);

  // 5. Each document's files.
  const files: VolumeFile[] = [];
  const entries: { path: string; bytes: Buffer }[] = [];
  const produced: ProducedDocument[] = [];
  const datRows: DatRow[] = [];
  const optDocs: OptDocument[] = [];
  const put = async (documentId: string | null, kind: FileKind, path: string, bytes: Buffer) => {
    const stored = await store.put(Readable.from([bytes]));
    files.push({ documentId, kind, path, sha256: stored.sha256, sizeBytes: stored.size, storageKey: stored.key });
    entries.push({ path, bytes });
    return stored;
  };
  let next = firstNumber;
  for (const [i, doc] of documents.entries()) {
    const begin = next;
    const end = begin + pageCounts[i] - 1;
    next = end + 1;
    const begBates = bates(begin);
    const stampFor = (page: number) => ({ bates: bates(begin + page), designation: doc.designation });
    const imagePath = `IMAGES/${begBates}.pdf`;
    const textPath = `TEXT/${begBates}.txt`;
    let nativePath = '';
    let producedHash: string;
    if (forms[i] === 'PDF') {
      producedHash = (await put(doc.id, 'IMAGE', imagePath, await stampPdf(sources[i], stampFor))).sha256;
    } else if (forms[i] === 'IMAGE') {
      producedHash = (await put(doc.id, 'IMAGE', imagePath, await imagePdf(originals[i], doc.mediaType, stampFor(0))))
        .sha256;
    } else {
      nativePath = `NATIVES/${begBates}.${extensionOf(doc.fileName)}`;
      const slip = await renderDocument('production-slip-sheet', {
        bates: begBates,
        fileName: doc.fileName,
        nativePath,
      });
      await put(doc.id, 'IMAGE', imagePath, await stampPdf(slip.bytes, stampFor));
      producedHash = (await put(doc.id, 'NATIVE', nativePath, originals[i])).sha256;
    }
    const text =
      forms[i] === 'PDF' ? (textOf.get(i) ?? '') : isTextual(doc.mediaType) ? originals[i].toString('utf8') : '';
    await put(doc.id, 'TEXT', textPath, Buffer.from(text, 'utf8'));
    produced.push({
      id: doc.id,
      beginNumber: begin,
      endNumber: end,
      pageCount: pageCounts[i],
      producedSha256: producedHash,
      redactionCount: forms[i] === 'PDF' ? doc.redactions.length : 0,
      privilegeRedacted: forms[i] === 'PDF' && doc.redactions.some((r) => r.reason === 'PRIVILEGE'),
    });
    datRows.push({
      BEGBATES: begBates,
      ENDBATES: bates(end),
      CUSTODIAN: doc.custodian ?? '',
      FILENAME: doc.fileName,
      DOCDATE: doc.docDate ? usDate(doc.docDate) : '',
      PRODSHA256: producedHash,
      ORIGSHA256: doc.originalSha256,
      CONFIDENTIALITY: doc.designation,
      NATIVEPATH: nativePath,
      TEXTPATH: textPath,
      REDACTED: forms[i] === 'PDF' && doc.redactions.length > 0 ? 'Y' : 'N',
    });
    optDocs.push({
      imagePath: imagePath.replace(/\//g, '\\'),
      pages: Array.from({ length: pageCounts[i] }, (_, p) => bates(begin + p)),
    });
    await hooks.progress(25 + Math.floor((60 * (i + 1)) / documents.length));
  }

  // 6. Load files and the index.
  await put(null, 'DATA', `DATA/${spec.name}.dat`, concordanceDat(datRows));
  await put(null, 'DATA', `DATA/${spec.name}.opt`, opticonOpt(spec.name, optDocs));
  const lastNumber = next - 1;
  const index = await renderDocument(
    'production-index',
    productionIndexData(spec, {
      firstBates: bates(firstNumber),
      lastBates: bates(lastNumber),
      pageCount,
      rows: datRows,
    }),
  );
  await put(null, 'INDEX', `${spec.name}_INDEX.pdf`, index.bytes);
  await hooks.progress(90);

  // 7. The ZIP, streamed into the store (hashed on the way), its entries in path order.
  const zip = await storeZip(store, entries, spec.productionDate);
  return { documents: produced, files, zip, firstNumber, lastNumber, pageCount };
}

const usDate = (day: Date): string => {
  const iso = day.toISOString().slice(0, 10);
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
};
