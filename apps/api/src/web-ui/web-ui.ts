import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { SESSION_COOKIE } from '../auth/auth-context';
import { readBuildManifest, screenChunks, type ScreenChunks } from './screen-chunks';

/** Where `vite build` (apps/web/vite.config.ts) writes the UI; processes run from the repository root. */
export const WEB_UI_DIR = path.resolve(process.cwd(), 'dist', 'web');

const isApi = (req: Request) => req.path === '/api' || req.path.startsWith('/api/');

/** Encodings the build writes next to a file (vite-plugin-compression2 in apps/web/vite.config.mts), best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof PRECOMPRESSED)[number]['encoding'];

/**
 * The encoding to send among those available (best first): the one the client rates highest
 * in Accept-Encoding, ours first on a tie (browsers list "gzip, deflate, br" with equal weight,
 * and brotli is the smaller); null for none (identity).
 */
export function preferredEncoding(header: string | undefined, available: readonly Encoding[]): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (name) weights.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (encoding: string) => weights.get(encoding) ?? weights.get('*') ?? 0;
  let best: Encoding | null = null;
  for (const encoding of available) if (weight(encoding) > (best ? weight(best) : 0)) best = encoding;
  return best;
}

/** File names under assets/ carry a content hash: they never change. Anything else may. */
const cacheControl = (urlPath: string) =>
  urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';

/**
 * The built files that have precompressed copies, by URL path ('/assets/index-abc.js' ->
 * ['br', 'gzip']). Read once at start-up: the build does not change under a running API, and a
 * request then never reaches the file system with a path it made up.
 */
function precompressedFiles(dir: string): Map<string, Encoding[]> {
  const files = new Set(
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => '/' + file.split(path.sep).join('/')),
  );
  const found = new Map<string, Encoding[]>();
  for (const file of files) {
    const encodings = PRECOMPRESSED.filter(({ suffix }) => files.has(file + suffix)).map(({ encoding }) => encoding);
    if (encodings.length > 0) found.set(file, encodings);
  }
  return found;
}

const AUDIT_PAGE = /^\/audits\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\/.*)?$/;
const GRID_FILTERS = ['mine', 'overdue', 'status', 'subject'];

/**
 * The API reads the screen at a URL makes as it opens (the route loaders in apps/web/src/App.tsx
 * and what the screen draws first), for the page to name as preloads: the browser then asks for
 * them alongside the page's scripts, where the screen would ask only once those had run and the
 * session check had answered (two round trips in a chain, on a phone about a second before it
 * could draw). Each must be the exact URL the screen fetches, or the browser fetches it twice
 * (test/web/every-screen checks this). For the screens people open first: the audits list, and
 * an audit's header on each of its screens with the grid's own reads (a filtered grid's cells
 * are left to the screen).
 */
export function firstScreenReads(urlPath: string, query: URLSearchParams): string[] {
  // The list, and the template cards under it (on a phone, the request templates' card is the
  // largest thing the screen draws).
  if (urlPath === '/audits')
    return ['/api/audits?page=1&pageSize=100', '/api/request-templates?page=1&pageSize=500', '/api/form-templates'];
  const audit = AUDIT_PAGE.exec(urlPath);
  if (!audit) return [];
  const base = `/api/audits/${audit[1]}`;
  // The audit's header.
  const reads = [base, `${base}/legal-hold`, `${base}/reminders/pause`];
  if (audit[2] === '/grid') {
    const every = 'page=1&pageSize=500';
    reads.push(`${base}/subjects?${every}`, `${base}/requests?${every}`, `${base}/members?${every}`);
    if (!GRID_FILTERS.some((filter) => query.has(filter))) reads.push(`${base}/responses?${every}`);
  }
  return reads;
}

/** What a logged-in page names for the browser to fetch with its own scripts. */
interface Preloads extends ScreenChunks {
  /** The screen's first reads (firstScreenReads), beside its layout's and screen's chunks. */
  reads: string[];
}

const NOTHING_PRELOADED: Preloads = { reads: [], scripts: [], styles: [] };

/**
 * index.html as served: whether the install is a demo (the login page asks for the demo logins
 * only on one), and a logged-in screen's first reads and chunks named as preloads.
 */
function pageFor(index: string, demo: boolean, { reads, scripts, styles }: Preloads): string {
  const head = [
    `<meta name="auditdesk-demo" content="${demo}" />`,
    ...reads.map((url) => `<link rel="preload" href="${url.replaceAll('&', '&amp;')}" as="fetch" crossorigin />`),
    // In the mode the page then asks in (Vite's loader sets crossorigin on the stylesheet links it
    // adds): a preload in another mode goes unused and the file is fetched again.
    ...scripts.map((url) => `<link rel="modulepreload" crossorigin href="${url}" />`),
    ...styles.map((url) => `<link rel="preload" as="style" crossorigin href="${url}" />`),
  ];
  return index.replace('</head>', `${head.join('')}</head>`);
}

/**
 * The content security policy's sources for index.html's inline scripts (their SHA-256): the
 * policy allows the page's own inline script and nothing else inline.
 */
const inlineScriptHashes = (html: string) =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`,
  );

export interface WebUiOptions {
  /** The built UI (default WEB_UI_DIR). */
  dir?: string;
  /** Whether the install is a demo, read on each page. */
  isDemo?: () => boolean;
  /**
   * Whether a session cookie's secret still opens a session: a page names a logged-in screen's
   * reads only then, since for an ended session each would be refused (a 401 in the browser's
   * console before the app sends the visitor to the login page).
   */
  isLiveSession?: (secret: string) => Promise<boolean>;
}

/**
 * Serves the built web UI next to the API: its files, and index.html for any other GET that
 * asks for a page (the UI routes in the browser). Nothing under /api is touched, so API
 * errors stay problem+json. Returns false when the UI has not been built.
 */
export function serveWebUi(
  app: NestExpressApplication,
  { dir = WEB_UI_DIR, isDemo = () => false, isLiveSession = () => Promise.resolve(false) }: WebUiOptions = {},
): boolean {
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const index = readFileSync(indexFile, 'utf8');
  const chunksFor = screenChunks(readBuildManifest(dir) ?? {});
  const preloadsFor = (req: Request): Preloads => ({
    reads: firstScreenReads(req.path, new URL(req.originalUrl, 'http://page').searchParams),
    ...chunksFor(req.path),
  });

  // The UI gets a strict content security policy (own scripts, and index.html's inline one by
  // its hash); the API's JSON and Swagger UI pages keep the global helmet set-up. Mantine sets
  // inline style attributes, which helmet's default style-src ('unsafe-inline') allows. No
  // upgrade-insecure-requests: TLS is the reverse proxy's business, and plain
  // http://localhost must keep working.
  const csp = helmet.contentSecurityPolicy({
    useDefaults: true,
    // frame-src blob: lets the response tab preview a letter PDF it fetched (a blob URL) in the page.
    directives: {
      'script-src': ["'self'", ...inlineScriptHashes(index)],
      'img-src': ["'self'", 'data:', 'blob:'],
      'frame-src': ["'self'", 'blob:'],
      'upgrade-insecure-requests': null,
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req) ? next() : csp(req, res, next)));

  // A script or stylesheet the build compressed goes out as its .br or .gz copy when the
  // browser takes that encoding (about a fifth of the bytes), with the original's type; Vary
  // tells caches that the answer depends on Accept-Encoding. Without a usable copy, the file.
  const compressed = precompressedFiles(dir);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const encodings = compressed.get(req.path);
    if (!encodings) return next();
    res.vary('Accept-Encoding');
    const encoding = preferredEncoding(req.headers['accept-encoding'], encodings);
    if (!encoding) return next();
    const { suffix } = PRECOMPRESSED.find((p) => p.encoding === encoding)!;
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Cache-Control', cacheControl(req.path));
    res.type(path.extname(req.path));
    res.sendFile(path.join(dir, req.path + suffix), { cacheControl: false }, (error) => {
      // The browser went away mid-file (a navigation, a closed tab): nothing to answer and
      // nothing wrong here, as Express's own sendFile treats it; not a 500 in the error log.
      if (error && !clientWentAway(error)) next(error);
    });
  });
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res: ServerResponse, file: string) =>
      res.setHeader('Cache-Control', cacheControl('/' + path.relative(dir, file).split(path.sep).join('/'))),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req) || !req.accepts('html')) return next();
    const session = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    // A session that cannot be checked now (the database away) counts as ended: the page is
    // served all the same, and the app's own reads say what is wrong.
    const loggedIn = session ? isLiveSession(session).catch(() => false) : Promise.resolve(false);
    loggedIn
      .then((live) => {
        const preloads = live ? preloadsFor(req) : NOTHING_PRELOADED;
        res.setHeader('Cache-Control', 'no-cache');
        // The page differs with the session cookie: a shared cache must not hand one to the other.
        res.vary('Cookie');
        res.type('html').send(pageFor(index, isDemo(), preloads));
      })
      .catch(next);
  });
  return true;
}

/** An error of a file sent to a client that closed the connection first (Express's own test). */
const clientWentAway = (error: Error) => {
  const { code, syscall } = error as NodeJS.ErrnoException;
  return code === 'ECONNABORTED' || syscall === 'write';
};
