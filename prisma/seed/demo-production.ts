import { Readable } from 'node:stream';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Queue } from 'bullmq';
import type { Tx } from '@app/db';
import { calendarDate } from '@app/domain';
import { type ProductionJob, productionJobId } from '@app/queue';
import type { BlobStore, StoredBlob } from '@app/storage';

// The reference case's first production: two files supporting the approved response (a PDF
// and a CSV), stored as uploads are, and volume MSFT-TWTR-VOL001 holding them, queued for the
// worker exactly as the API's "produce" queues it: the worker stamps, numbers and zips it. And
// the privilege log: three entries for what Microsoft withholds.

/** What the seed needs beyond the database: where files go, and the queue the worker reads. */
export interface SeedServices {
  store: BlobStore;
  productions: Pick<Queue<ProductionJob>, 'add'>;
}

/** A fixed date inside the files, so the same seed stores the same bytes. */
const FILE_DATE = new Date('2023-05-24T12:00:00Z');

async function pdfOf(title: string, pages: string[][]): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(title);
  pdf.setCreationDate(FILE_DATE);
  pdf.setModificationDate(FILE_DATE);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([612, 792]);
    lines.forEach((line, i) => page.drawText(line, { x: 72, y: 700 - i * 22, size: i === 0 ? 16 : 12, font }));
  }
  return Buffer.from(await pdf.save());
}

export const DEMO_PRODUCTION = {
  designations: ['CONFIDENTIAL', 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY'],
  volume: {
    name: 'MSFT-TWTR-VOL001',
    batesPrefix: 'MSFT-TWTR-',
    startNumber: 1,
    padWidth: 6,
    recipient: 'Alex Spiro, Quinn Emanuel Urquhart & Sullivan LLP (counsel for Twitter)',
    productionDate: '2023-06-07',
    deliveryMethod: 'Secure file transfer',
  },
  /** The files, in volume order, each backing the approved response of Xbox One Social to request 3. */
  files: [
    {
      title: 'Caching design note, Xbox One Social community feed',
      fileName: 'xbox-social-caching-design.pdf',
      mediaType: 'application/pdf',
      designation: 'CONFIDENTIAL',
      bytes: () =>
        pdfOf('Caching design note', [
          [
            'Xbox One Social: community feed caching',
            'Public Tweets are fetched for display in the community feed.',
            'Each Tweet is cached for at most 24 hours, then dropped.',
          ],
          [
            'Retention and use',
            'No Tweet is stored beyond the cache, analysed or resold.',
            'Cache size is capped per console region.',
          ],
        ]),
    },
    {
      title: 'Twitter API call counts, May 2023',
      fileName: 'xbox-social-api-calls-2023-05.csv',
      mediaType: 'text/csv',
      designation: 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY',
      bytes: () =>
        Promise.resolve(
          Buffer.from(
            'date,endpoint,calls\n2023-05-01,GET /2/tweets/search/recent,18211\n2023-05-02,GET /2/tweets/search/recent,17954\n',
          ),
        ),
    },
  ],
  backs: { subject: 'Xbox One Social', request: 3 },
  privilegeLog: [
    {
      documentDate: '2023-05-19',
      documentType: 'Email',
      author: 'Daniel Okafor (counsel)',
      recipientsTo: ['Kenji Watanabe'],
      recipientsCc: ['Helen Byrne (counsel)'],
      description: 'Email from in-house counsel giving legal advice on the response to the audit demand.',
      privilege: 'ATTORNEY_CLIENT',
      treatment: 'WITHHELD',
      requests: [3],
    },
    {
      documentDate: '2023-05-25',
      documentType: 'Memorandum',
      author: 'Kenji Watanabe',
      recipientsTo: ['Daniel Okafor (counsel)'],
      recipientsCc: [],
      description: 'Memorandum prepared at the direction of counsel in anticipation of litigation over the audit.',
      privilege: 'WORK_PRODUCT',
      treatment: 'WITHHELD',
      requests: [1, 2],
    },
    {
      categorical: true,
      documentCount: 14,
      dateFrom: '2023-05-18',
      dateTo: '2023-06-05',
      documentType: 'Emails',
      author: null,
      recipientsTo: [],
      recipientsCc: [],
      description:
        'Emails between Microsoft in-house counsel and outside counsel about the audit demand and the response to it.',
      privilege: 'ATTORNEY_CLIENT',
      treatment: 'WITHHELD',
      requests: [],
    },
  ],
} as const;

/** Stores the files before the seed's transaction opens (storage is not transactional; a rerun stores the same keys). */
export async function storeDemoFiles(store: BlobStore): Promise<StoredBlob[]> {
  const stored: StoredBlob[] = [];
  for (const file of DEMO_PRODUCTION.files) stored.push(await store.put(Readable.from([await file.bytes()])));
  return stored;
}

export interface DemoProductionIds {
  productionId: string;
  run: number;
  files: number;
  logEntries: number;
}

/** The evidence files, the volume (PRODUCING, run 1, as the API leaves it) and the privilege log, in the seed's transaction. */
export async function createDemoProduction(
  tx: Tx,
  auditId: string,
  stored: readonly StoredBlob[],
  people: { counselId: string; uploaderId: string },
  responseId: string,
  requestIdOf: (ordinal: number) => string,
): Promise<DemoProductionIds> {
  const versionIds: string[] = [];
  for (const [i, file] of DEMO_PRODUCTION.files.entries()) {
    const evidence = await tx.evidence.create({
      data: {
        auditId,
        kind: 'FILE',
        title: file.title,
        custodian: 'Kenji Watanabe',
        sourceSystem: 'Xbox engineering wiki',
        collectedOn: calendarDate('2023-05-24'),
        tags: ['production'],
        createdById: people.uploaderId,
        responses: { create: { responseId, linkedById: people.uploaderId } },
        versions: {
          create: {
            number: 1,
            fileName: file.fileName,
            mediaType: file.mediaType,
            sizeBytes: BigInt(stored[i].size),
            sha256: stored[i].sha256,
            storageKey: stored[i].key,
            uploadedById: people.uploaderId,
          },
        },
      },
      select: { versions: { select: { id: true } } },
    });
    versionIds.push(evidence.versions[0].id);
  }

  await tx.productionDesignation.createMany({
    data: DEMO_PRODUCTION.designations.map((label, position) => ({ auditId, label, position })),
  });
  const { productionDate, ...volume } = DEMO_PRODUCTION.volume;
  const production = await tx.production.create({
    data: {
      auditId,
      ...volume,
      productionDate: calendarDate(productionDate),
      status: 'PRODUCING',
      runs: 1,
      createdById: people.counselId,
      producedById: people.counselId,
      documents: {
        create: DEMO_PRODUCTION.files.map((file, i) => ({
          evidenceVersionId: versionIds[i],
          designation: file.designation,
          position: i + 1,
        })),
      },
    },
    select: { id: true, runs: true },
  });

  for (const [i, entry] of DEMO_PRODUCTION.privilegeLog.entries()) {
    const { requests, recipientsTo, recipientsCc, ...fields } = entry;
    await tx.privilegeLogEntry.create({
      data: {
        auditId,
        sequence: i + 1,
        ...fields,
        recipientsTo: [...recipientsTo],
        recipientsCc: [...recipientsCc],
        documentDate: 'documentDate' in fields ? calendarDate(fields.documentDate) : null,
        dateFrom: 'dateFrom' in fields ? calendarDate(fields.dateFrom) : null,
        dateTo: 'dateTo' in fields ? calendarDate(fields.dateTo) : null,
        requestIds: requests.map(requestIdOf),
        createdById: people.counselId,
      },
    });
  }
  return {
    productionId: production.id,
    run: production.runs,
    files: DEMO_PRODUCTION.files.length,
    logEntries: DEMO_PRODUCTION.privilegeLog.length,
  };
}

/** After commit, as the API does after "produce": the worker builds the volume. */
export async function queueDemoProduction(services: SeedServices, ids: DemoProductionIds): Promise<void> {
  await services.productions.add(
    'produce',
    { productionId: ids.productionId },
    { jobId: productionJobId(ids.productionId, ids.run), removeOnComplete: 1000, removeOnFail: 1000 },
  );
}
