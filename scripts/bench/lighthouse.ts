// `npm run bench:lighthouse [-- <base URL>] [--runs N]`: Lighthouse's performance score (mobile
// preset: emulated mid-range phone, throttled network and CPU) of three screens of a running
// AuditDesk (`npm start`; default http://localhost:3000): the login page, the audits list and
// the grid of the demo audit. It logs in as a demo user through the API and hands the session
// cookie to Lighthouse as an extra header, so the demo seed must be loaded. Each page is
// measured N times (default 3) in a fresh headless Chromium and the median run is reported,
// since one run on a busy machine moves by several points. `--reports DIR` keeps every run's
// Lighthouse JSON there (its diagnostics: long tasks, unused script and CSS, main-thread work).
// It also prints what the figures depend on besides the code: Lighthouse's CPU benchmark index
// of this machine over the runs (higher is faster; the same build scores 10-20 points apart on
// one machine from one hour to the next when it moves) and the load average before and after.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CHROMIUM, ensureChromium } from '../lib/chromium';
import { DEMO_PASSWORD, DEMO_USERS, REFERENCE_AUDIT } from '../../prisma/seed/reference-case';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Measurement {
  page: string;
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  transferKb: number;
  /** Lighthouse's measure of this machine's CPU during the run (higher is faster). */
  benchmarkIndex: number;
}

interface Options {
  base: string;
  runs: number;
  /** Where to keep each run's Lighthouse JSON, when asked. */
  reports?: string;
}

function parseArgs(argv: string[]): Options {
  let base = `http://localhost:${process.env.PORT ?? 3000}`;
  let runs = 3;
  let reports: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Number(argv[++i]);
    else if (argv[i] === '--reports') reports = path.resolve(argv[++i]);
    else if (!argv[i].startsWith('--')) base = argv[i].replace(/\/$/, '');
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1');
  return { base, runs, reports };
}

async function logIn(base: string): Promise<string> {
  const user = DEMO_USERS[0];
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: DEMO_PASSWORD }),
  });
  if (!response.ok)
    throw new Error(`logging in as ${user.email} answered ${response.status}: is the demo seed loaded at ${base}?`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  return cookie.join('; ');
}

async function demoAuditId(base: string, cookie: string): Promise<string> {
  const response = await fetch(`${base}/api/audits?pageSize=100`, { headers: { Cookie: cookie } });
  if (!response.ok) throw new Error(`GET /api/audits answered ${response.status}`);
  const page = (await response.json()) as { items: { id: string; referenceCode: string }[] };
  const audit = page.items.find((a) => a.referenceCode === REFERENCE_AUDIT.referenceCode);
  if (!audit) throw new Error(`the demo audit ${REFERENCE_AUDIT.referenceCode} is not in the list`);
  return audit.id;
}

/**
 * One Lighthouse run in a fresh headless Chromium, through Lighthouse's own command line:
 * Lighthouse hands some of its functions to the page as source text, which breaks when they
 * went through this script's TypeScript loader (tsx adds helpers the page does not have).
 */
async function measure(page: string, url: string, cookie: string | undefined, keepAs?: string): Promise<Measurement> {
  const report = path.join(mkdtempSync(path.join(tmpdir(), 'auditdesk-lighthouse-')), 'report.json');
  const args = [
    url,
    '--output=json',
    `--output-path=${report}`,
    '--only-categories=performance',
    '--quiet',
    `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  // Lighthouse exits non-zero for any gatherer error, even one the performance score does not
  // use: the report decides.
  await run(path.join(ROOT, 'node_modules/.bin/lighthouse'), args, {
    env: { ...process.env, CHROME_PATH: CHROMIUM },
  }).catch((error: Error) => {
    if (!existsSync(report)) throw error;
  });
  const lhr = JSON.parse(readFileSync(report, 'utf8')) as {
    runtimeError?: { message: string; artifactKey?: string };
    environment: { benchmarkIndex: number };
    categories: { performance: { score: number | null } };
    audits: Record<string, { numericValue?: number }>;
  };
  if (keepAs) copyFileSync(report, keepAs);
  rmSync(path.dirname(report), { recursive: true, force: true });
  // On a loaded machine Chromium can be slow to hand back response bodies, which only the
  // text-compression advice needs; the page's metrics and score stand without it.
  if (
    lhr.runtimeError &&
    !(lhr.runtimeError.artifactKey === 'ResponseCompression' && lhr.categories.performance.score !== null)
  )
    throw new Error(`Lighthouse could not measure ${url}: ${lhr.runtimeError.message}`);
  const value = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    page,
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    fcpMs: value('first-contentful-paint'),
    lcpMs: value('largest-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    transferKb: value('total-byte-weight') / 1024,
    benchmarkIndex: lhr.environment.benchmarkIndex,
  };
}

/** A run that timed out talking to Chromium (it happens on a loaded machine) is tried once more. */
async function measureWithRetry(
  page: string,
  url: string,
  cookie: string | undefined,
  keepAs?: string,
): Promise<Measurement> {
  try {
    return await measure(page, url, cookie, keepAs);
  } catch (error) {
    console.error(
      `${page}: ${error instanceof Error ? error.message.split('\n').at(-2) : String(error)}; trying again`,
    );
    return measure(page, url, cookie, keepAs);
  }
}

const median = (runs: Measurement[]): Measurement => [...runs].sort((a, b) => a.score - b.score)[runs.length >> 1];

async function main(): Promise<void> {
  const { base, runs, reports } = parseArgs(process.argv.slice(2));
  const loadBefore = loadavg()[0];
  if (reports) mkdirSync(reports, { recursive: true });
  ensureChromium();
  const cookie = await logIn(base);
  const auditId = await demoAuditId(base, cookie);
  const pages: [string, string, string | undefined][] = [
    ['login', `${base}/login`, undefined],
    ['audits list', `${base}/audits`, cookie],
    ['demo audit grid', `${base}/audits/${auditId}/grid`, cookie],
  ];
  const rows: Measurement[] = [];
  const benchmarkIndexes: number[] = [];
  for (const [page, url, pageCookie] of pages) {
    const measured: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      const keepAs = reports && path.join(reports, `${page.replaceAll(' ', '-')}-${i + 1}.json`);
      measured.push(await measureWithRetry(page, url, pageCookie, keepAs));
    }
    console.log(`${page}: scores ${measured.map((m) => m.score).join(', ')}`);
    benchmarkIndexes.push(...measured.map((m) => m.benchmarkIndex));
    rows.push(median(measured));
  }
  console.log(
    `\nLighthouse ${runs > 1 ? `(median of ${runs} runs) ` : ''}mobile, ${base}, ${new Date().toISOString()}`,
  );
  console.table(
    rows.map((m) => ({
      page: m.page,
      performance: m.score,
      'FCP (s)': (m.fcpMs / 1000).toFixed(1),
      'LCP (s)': (m.lcpMs / 1000).toFixed(1),
      'TBT (ms)': Math.round(m.tbtMs),
      CLS: m.cls.toFixed(3),
      'transferred (kB)': Math.round(m.transferKb),
    })),
  );
  const indexes = benchmarkIndexes.sort((a, b) => a - b);
  console.log(
    `This machine: Lighthouse's CPU benchmark index ${Math.round(indexes[indexes.length >> 1])} ` +
      `(${Math.round(indexes[0])}-${Math.round(indexes.at(-1)!)} over the runs); ` +
      `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
