// `npm run bench:report`: how long the PDF report takes to render with the document engine
// (Typst), cold (first render in a fresh process, compiler start included) and warm (median
// of 10), and how much memory, for the reference case and for a stress audit (50 subjects x
// 40 requests = 2,000 responses, 4,000 evidence files); as the baseline measured in the same
// run, how long Debian's chromium (puppeteer-core) takes to print the same content as HTML,
// when it is installed; and how an HTTP health route on the rendering process answers (p99)
// while 4 reports render on the DocumentRenderPool, as the API renders them. For the stress
// audit it also renders the same content as reports of 5 subjects each, one after another
// (the chunked approach before any joining), and it prints the load average with each figure.
// `-- --only reference|stress` runs one case; `-- --no-chromium` skips the baseline.
//
// It uses its own database (<DATABASE_URL's database>_bench_report), created and migrated on the
// first run and reused after. Each measurement runs in a fresh child process so that its
// peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrismaClient, parseDatabaseUrl, type PrismaClient, withDatabase } from '@app/db';
import { DocumentRenderPool } from '@app/documents';
import {
  AUDIT_REPORT_TEMPLATE,
  buildReportView,
  loadReportData,
  type ReportData,
  renderReport,
  STATUS_LABEL,
} from '@app/report';
import { seedDemo } from '../../prisma/seed/seed-demo';
import { withSeedServices } from '../../prisma/seed/seed-services';
import { REFERENCE_AUDIT } from '../../prisma/seed/reference-case';
import { bin, ensurePostgres, loadDotEnv, migrateDeploy, ROOT } from '../lib/services';

const STRESS_REF = 'BENCH-STRESS-50x40';
const NOW = new Date('2023-05-25T16:00:00Z');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Measurement {
  engine: 'typst' | 'chromium' | 'health' | 'chunks';
  loadMs: number;
  /** Typst: the first render in the process; chromium: launch + setContent + page.pdf. */
  renderMs: number;
  /** Typst: median of the warm renders after the first. */
  warmMs: number | null;
  pages: number;
  bytes: number;
  /** Peak RSS of the child: after all its renders. */
  peakRssMb: number;
  /** Peak RSS after the first render alone. */
  coldPeakRssMb?: number;
  /** health: p50 and p99 of GET /health while 4 reports render on the pool. */
  healthP50Ms?: number;
  healthP99Ms?: number;
  healthRequests?: number;
  /** chunks: how many reports of CHUNK_SUBJECTS subjects the audit was rendered as. */
  chunks?: number;
  /** The machine's 1-minute load average when the child started and when it finished. */
  load?: [number, number];
}

/** Subjects per report in the chunked evaluation (see `chunked` below). */
const CHUNK_SUBJECTS = 5;

const WARM_RUNS = { reference: 10, stress: 2 };

async function main(): Promise<void> {
  const [mode, engine, reference] = process.argv.slice(2);
  if (mode === '--child') return child(engine as Measurement['engine'], reference);
  const args = parseArgs(process.argv.slice(2));

  loadDotEnv();
  const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/auditdesk';
  const benchDb = `${parseDatabaseUrl(base).pool.database ?? 'auditdesk'}_bench_report`;
  process.env.DATABASE_URL = withDatabase(base, benchDb);
  const postgres = await ensurePostgres({ log: () => {} });
  try {
    console.log(`[bench] database ${benchDb}: migrating (about 11 s)`);
    await migrateDeploy(postgres.databaseUrl, { log: () => {} });
    const prisma = createPrismaClient(postgres.databaseUrl);
    try {
      await prepareReferenceCase(prisma);
      await prepareStressAudit(prisma);
    } finally {
      await prisma.$disconnect();
    }

    const chromium = args.chromium && existsSync(CHROMIUM);
    const rows: string[] = [];
    let chunkRow: string | null = null;
    const cases = [
      ['reference', 'reference case (8 x 6)', REFERENCE_AUDIT.referenceCode],
      ['stress', 'stress (50 x 40, 4,000 files)', STRESS_REF],
    ] as const;
    for (const [, label, ref] of cases.filter(([name]) => !args.only || args.only === name)) {
      const pdf = measure('typst', ref, postgres.databaseUrl);
      console.log(`[bench] ${label}: Typst ${JSON.stringify(pdf)}`);
      let html: Measurement | null = null;
      try {
        html = chromium ? measure('chromium', ref, postgres.databaseUrl) : null;
        console.log(`[bench] ${label}: chromium ${JSON.stringify(html)}`);
      } catch (error) {
        // The baseline failing (a time-out on a loaded machine) leaves Typst's figures standing.
        console.log(`[bench] ${label}: chromium failed: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`);
      }
      const ratio = html
        ? `${(html.renderMs / (pdf.warmMs ?? pdf.renderMs)).toFixed(0)}x`
        : chromium
          ? 'chromium failed'
          : args.chromium
            ? 'chromium not installed'
            : 'not measured (--no-chromium)';
      rows.push(
        `| ${label} | ${pdf.pages} | ${(pdf.bytes / 1024).toFixed(0)} KB | ${pdf.loadMs} ms | ${pdf.renderMs} ms | ${pdf.warmMs} ms | ${pdf.coldPeakRssMb} MB / ${pdf.peakRssMb} MB | ${loadText(pdf)} | ` +
          (html ? `${html.renderMs} ms (${html.pages} pages) | ${ratio} |` : `— | ${ratio} |`),
      );
      if (ref === STRESS_REF) {
        const chunks = measure('chunks', ref, postgres.databaseUrl);
        console.log(`[bench] ${label}: chunked ${JSON.stringify(chunks)}`);
        chunkRow =
          `The same audit as ${chunks.chunks} reports of ${CHUNK_SUBJECTS} subjects each (subject choice), rendered one after another in one process (not joined): ` +
          `${chunks.pages} pages, ${(chunks.bytes / 1024).toFixed(0)} KB in all, SQL ${chunks.loadMs} ms, rendering ${chunks.renderMs} ms, peak RSS ${chunks.peakRssMb} MB (load ${loadText(chunks)}).`;
      }
    }
    const health =
      args.only === 'stress' ? null : measure('health', REFERENCE_AUDIT.referenceCode, postgres.databaseUrl);
    console.log(
      '\n| audit | pages | PDF size | load (SQL) | Typst cold (first render, compiler start) | Typst warm (median) | Typst peak RSS (first render / all) | load average (start-end) | chromium print | chromium / Typst warm |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    if (chunkRow) console.log(`\n${chunkRow}`);
    if (health)
      console.log(
        `\nGET /health while 4 reference reports render on the pool (1 thread, queue 4): p50 ${health.healthP50Ms} ms, p99 ${health.healthP99Ms} ms over ${health.healthRequests} requests; the 4 renders took ${health.renderMs} ms.`,
      );
    console.log(
      `\nWarm = median of ${WARM_RUNS.reference} renders (reference) or ${WARM_RUNS.stress} (stress) after the first in the same process. Chromium = launch + setContent + page.pdf of a plainer HTML layout of the same ReportData.`,
    );
  } finally {
    await postgres.stop();
  }
}

/**
 * `--only reference|stress`: one case (the stress case alone skips the health measurement);
 * `--no-chromium`: no chromium baseline (it takes minutes, and times out on the stress audit).
 */
function parseArgs(argv: string[]): { only: 'reference' | 'stress' | null; chromium: boolean } {
  const at = argv.indexOf('--only');
  const only = at >= 0 ? argv[at + 1] : null;
  if (only !== null && only !== 'reference' && only !== 'stress')
    throw new Error(`--only takes "reference" or "stress", not ${only}`);
  return { only, chromium: !argv.includes('--no-chromium') };
}

const loadText = (m: Measurement) => (m.load ? `${m.load[0]}-${m.load[1]}` : '?');
const loadNow = () => Math.round(loadavg()[0] * 10) / 10;

function measure(engine: Measurement['engine'], reference: string, databaseUrl: string): Measurement {
  const result = spawnSync(
    bin('tsx'),
    ['--tsconfig', path.join(ROOT, 'tsconfig.json'), __filename, '--child', engine, reference],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = result.stdout.split('\n').find((l) => l.startsWith('{'));
  if (result.status !== 0 || !line)
    throw new Error(`bench child (${engine}, ${reference}) failed:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(line) as Measurement;
}

async function child(engine: Measurement['engine'], reference: string): Promise<void> {
  const startLoad = loadNow();
  const prisma = createPrismaClient(process.env.DATABASE_URL!);
  const audit = await prisma.audit.findUniqueOrThrow({ where: { referenceCode: reference }, select: { id: true } });
  if (engine === 'chunks')
    return console.log(JSON.stringify({ ...(await chunked(prisma, audit.id)), load: [startLoad, loadNow()] }));
  const loadStart = performance.now();
  const data = (await loadReportData(
    prisma,
    audit.id,
    { includeUnapproved: true },
    { now: NOW, generatedBy: 'Benchmark' },
  ))!;
  const loadMs = Math.round(performance.now() - loadStart);
  await prisma.$disconnect();

  if (engine === 'health')
    return console.log(JSON.stringify({ ...(await healthWhileRendering(data, loadMs)), load: [startLoad, loadNow()] }));
  const start = performance.now();
  let pages = 0;
  let bytes = 0;
  let warmMs: number | null = null;
  if (engine === 'typst') {
    const pdf = await renderReport(data);
    pages = pdf.pageCount;
    bytes = pdf.bytes.length;
  } else {
    ({ pages, bytes } = await printWithChromium(data));
  }
  const renderMs = Math.round(performance.now() - start);
  const coldPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (engine === 'typst') {
    const runs: number[] = [];
    for (let i = 0; i < (reference === STRESS_REF ? WARM_RUNS.stress : WARM_RUNS.reference); i++) {
      const t = performance.now();
      await renderReport(data);
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    warmMs = Math.round(runs[Math.floor(runs.length / 2)]);
  }
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const load: [number, number] = [startLoad, loadNow()];
  console.log(
    JSON.stringify({
      engine,
      loadMs,
      renderMs,
      warmMs,
      pages,
      bytes,
      peakRssMb,
      coldPeakRssMb,
      load,
    } satisfies Measurement),
  );
}

/**
 * What rendering in chunks would cost before any joining: the audit as reports of
 * CHUNK_SUBJECTS subjects each (the product's subject choice), one after another in this
 * process. Not a substitute for the report: each chunk has its own cover, contents, page
 * numbers and structure tree, and joining them while keeping the tags is the open part.
 */
async function chunked(prisma: PrismaClient, auditId: string): Promise<Measurement> {
  const subjects = await prisma.subject.findMany({
    where: { auditId },
    orderBy: { position: 'asc' },
    select: { id: true },
  });
  let loadMs = 0;
  let renderMs = 0;
  let pages = 0;
  let bytes = 0;
  let chunks = 0;
  for (let i = 0; i < subjects.length; i += CHUNK_SUBJECTS) {
    const loadStart = performance.now();
    const data = (await loadReportData(
      prisma,
      auditId,
      { includeUnapproved: true, subjectIds: subjects.slice(i, i + CHUNK_SUBJECTS).map((s) => s.id) },
      { now: NOW, generatedBy: 'Benchmark' },
    ))!;
    loadMs += performance.now() - loadStart;
    const start = performance.now();
    const pdf = await renderReport(data);
    renderMs += performance.now() - start;
    pages += pdf.pageCount;
    bytes += pdf.bytes.length;
    chunks++;
  }
  await prisma.$disconnect();
  return {
    engine: 'chunks',
    loadMs: Math.round(loadMs),
    renderMs: Math.round(renderMs),
    warmMs: null,
    pages,
    bytes,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    chunks,
  };
}

/**
 * A health route on this process's event loop, asked one request after another while 4
 * reports render on a DocumentRenderPool configured as the API's: how long a request waits.
 */
async function healthWhileRendering(data: ReportData, loadMs: number): Promise<Measurement> {
  const server = createServer((_req, res) => res.end('{"status":"ok"}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  const pool = new DocumentRenderPool({ threads: 1, maxQueued: 4 });
  const view = buildReportView(data);
  // Start the thread and its compiler first: the API's pool is warm after its first report.
  await pool.render(AUDIT_REPORT_TEMPLATE, view, { pdfA: !data.draft });
  const latencies: number[] = [];
  let rendering = true;
  const start = performance.now();
  const renders = Promise.all(
    Array.from({ length: 4 }, () => pool.render(AUDIT_REPORT_TEMPLATE, view, { pdfA: !data.draft })),
  ).finally(() => (rendering = false));
  // Bounded: at most 5,000 requests, and only while the renders run.
  while (rendering && latencies.length < 5000) {
    const t = performance.now();
    await (await fetch(url)).text();
    latencies.push(performance.now() - t);
  }
  const [first] = await renders;
  const renderMs = Math.round(performance.now() - start);
  await pool.close();
  server.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10;
  return {
    engine: 'health',
    loadMs,
    renderMs,
    warmMs: null,
    pages: first.pageCount,
    bytes: first.bytes.length,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    healthP50Ms: at(0.5),
    healthP99Ms: at(0.99),
    healthRequests: latencies.length,
  };
}

async function printWithChromium(data: ReportData): Promise<{ pages: number; bytes: number }> {
  const puppeteer = await import('puppeteer-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'auditdesk-bench-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
    headless: true,
    // printToPDF of the stress audit takes minutes on a busy 2-core machine.
    protocolTimeout: 1_800_000,
  });
  try {
    const page = await browser.newPage();
    await page.setContent(reportHtml(data), { waitUntil: 'load', timeout: 600_000 });
    const pdf = await page.pdf({
      format: 'Letter',
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:7px;width:100%;text-align:center">${esc(data.audit.confidentialityLegend)}</div>`,
      footerTemplate: `<div style="font-size:7px;width:100%;padding-left:54px">Page <span class="pageNumber"></span> of <span class="totalPages"></span> — ${esc(data.audit.referenceCode)}</div>`,
      margin: { top: '64px', bottom: '54px', left: '54px', right: '54px' },
      timeout: 600_000,
    });
    const pages = (
      Buffer.from(pdf)
        .toString('latin1')
        .match(/\/Type\s*\/Page[^s]/g) ?? []
    ).length;
    return { pages, bytes: pdf.length };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const esc = (s: string | null | undefined) =>
  (s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The report's content as plain HTML (cover, summary, sections with evidence, evidence index). */
function reportHtml(d: ReportData): string {
  const requests = new Map(d.requests.map((r) => [r.id, r]));
  const evidence = new Map(d.evidence.map((e) => [e.id, e]));
  const section = (subjectId: string) =>
    d.responses
      .filter((r) => r.subjectId === subjectId)
      .map((r) => {
        const req = requests.get(r.requestId)!;
        const files = r.evidenceIds.map((id) => evidence.get(id)!).filter(Boolean);
        return `<h2>R${req.ordinal}. ${esc(req.title)}</h2><p>${esc(req.text)}</p>
          <table><tr><th>Status</th><td>${STATUS_LABEL[r.status]}</td><th>Assignee</th><td>${esc(r.assignee?.name)}</td></tr>
          <tr><th>Reviewer</th><td>${esc(r.reviewer?.name)}</td><th>Provision</th><td>${esc(req.provision?.reference)}</td></tr></table>
          <h3>Answer</h3><p>${esc(r.answer)}</p>
          ${files.map((e) => `<table><tr><th colspan="4">${esc(e.title)}</th></tr><tr><th>File</th><td>${esc(e.file?.fileName)}</td><th>Size</th><td>${e.file?.sizeBytes}</td></tr><tr><th>SHA-256</th><td colspan="3" style="font-size:7px">${e.file?.sha256}</td></tr></table>`).join('')}`;
      })
      .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body{font-family:'Noto Sans',sans-serif;font-size:9.5pt} table{border-collapse:collapse;width:100%;margin:4px 0} td,th{border:0.5px solid #999;padding:2px 4px;text-align:left}
    h1{page-break-before:always;font-size:16pt} h2{font-size:12pt}</style></head><body>
    <h1 style="page-break-before:avoid">${esc(d.audit.title)}</h1><p>${esc(d.audit.referenceCode)} — ${esc(d.audit.respondingParty)} / ${esc(d.audit.demandingParty)}</p>
    <h1>Summary</h1><table><tr><th>Subject</th><th>Items</th></tr>${d.subjects.map((s) => `<tr><td>${esc(s.name)}</td><td>${d.responses.filter((r) => r.subjectId === s.id).length}</td></tr>`).join('')}</table>
    ${d.subjects.map((s, i) => `<h1>${i + 1}. ${esc(s.name)}</h1>${section(s.id)}`).join('')}
    <h1>Appendix A. Evidence index</h1><table>${d.evidence
      .map(
        (e, i) =>
          `<tr><td>${i + 1}</td><td>${esc(e.title)}</td><td style="font-size:7px">${[e.file, ...e.earlierVersions]
            .filter(Boolean)
            .map((v) => v!.sha256)
            .join('<br>')}</td></tr>`,
      )
      .join('')}</table>
    </body></html>`;
}

async function prepareReferenceCase(prisma: PrismaClient): Promise<void> {
  await withSeedServices((services) => seedDemo(prisma, services));
  const audit = await prisma.audit.findUniqueOrThrow({
    where: { referenceCode: REFERENCE_AUDIT.referenceCode },
    select: { id: true },
  });
  if (await prisma.evidence.count({ where: { auditId: audit.id } })) return;
  const responses = await prisma.response.findMany({ where: { auditId: audit.id }, select: { id: true } });
  await insertEvidence(
    prisma,
    audit.id,
    responses.map((r) => r.id),
    1,
  );
}

async function prepareStressAudit(prisma: PrismaClient): Promise<void> {
  if (await prisma.audit.findUnique({ where: { referenceCode: STRESS_REF }, select: { id: true } })) return;
  console.log('[bench] building the stress audit: 50 subjects x 40 requests, 4,000 evidence files');
  const users = await prisma.user.findMany({ take: 6, select: { id: true } });
  const auditId = randomUUID();
  await prisma.audit.create({
    data: {
      id: auditId,
      title: 'Stress audit',
      referenceCode: STRESS_REF,
      status: 'OPEN',
      demandingParty: 'Licensor Ωmega GmbH',
      respondingParty: 'Licensee Łódź S.A.',
      agreementTitle: 'Data Licence Agreement',
      receivedOn: new Date('2023-05-18T00:00:00Z'),
      responseDeadline: new Date('2023-06-07T21:00:00Z'),
      deadlineTimeZone: 'America/New_York',
    },
  });
  const provision = await prisma.provision.create({
    data: { auditId, reference: 'VII', title: 'Audit', text: 'The licensee shall keep records.' },
  });
  const subjects = Array.from({ length: 50 }, (_, i) => ({
    id: randomUUID(),
    auditId,
    name: `Subject ${i + 1} Zoë Ødegård`,
    position: i + 1,
    ownerId: users[i % users.length]?.id,
  }));
  const requests = Array.from({ length: 40 }, (_, i) => ({
    id: randomUUID(),
    auditId,
    ordinal: i + 1,
    title: `Request ${i + 1}`,
    text: `Provide the records for item ${i + 1} over the whole period covered.`,
    provisionId: provision.id,
  }));
  await prisma.subject.createMany({ data: subjects });
  await prisma.auditRequest.createMany({ data: requests });
  const statuses = ['APPROVED', 'IN_PROGRESS', 'IN_REVIEW', 'NOT_STARTED', 'CHANGES_REQUESTED'] as const;
  const responses = subjects.flatMap((s, i) =>
    requests.map((r, j) => ({
      id: randomUUID(),
      auditId,
      subjectId: s.id,
      requestId: r.id,
      status: statuses[(i + j) % statuses.length],
      assigneeId: users[(i + j) % users.length]?.id,
      answer:
        `Answer for ${s.name}, request ${r.ordinal}: ` +
        'the records were kept in the warehouse and exported for the period covered. '.repeat(4),
    })),
  );
  await prisma.response.createMany({ data: responses });
  await insertEvidence(
    prisma,
    auditId,
    responses.map((r) => r.id),
    2,
  );
}

async function insertEvidence(
  prisma: PrismaClient,
  auditId: string,
  responseIds: string[],
  perResponse: number,
): Promise<void> {
  const evidence: { id: string; auditId: string; kind: 'FILE'; title: string; custodian: string; collectedOn: Date }[] =
    [];
  const versions: {
    evidenceId: string;
    number: number;
    fileName: string;
    mediaType: string;
    sizeBytes: bigint;
    sha256: string;
    storageKey: string;
  }[] = [];
  const links: { evidenceId: string; responseId: string }[] = [];
  responseIds.forEach((responseId, i) => {
    for (let k = 0; k < perResponse; k++) {
      const id = randomUUID();
      evidence.push({
        id,
        auditId,
        kind: 'FILE',
        title: `Export ${i + 1}.${k + 1}`,
        custodian: 'Иван Петров',
        collectedOn: new Date('2023-05-20T00:00:00Z'),
      });
      versions.push({
        evidenceId: id,
        number: 1,
        fileName: `export-${i + 1}-${k + 1}.csv`,
        mediaType: 'text/csv',
        sizeBytes: BigInt(1000 + i),
        sha256: createHash('sha256').update(id).digest('hex'),
        storageKey: `bench/${id}`,
      });
      links.push({ evidenceId: id, responseId });
    }
  });
  await prisma.evidence.createMany({ data: evidence });
  await prisma.evidenceVersion.createMany({ data: versions });
  await prisma.evidenceResponse.createMany({ data: links });
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
