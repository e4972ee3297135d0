// The web UI's budget: what a browser must download before the login page can show (the
// scripts and stylesheets index.html names, not the screens split off to load on demand)
// stays under 250 kB gzip-compressed. Builds the UI with Vite into a directory of its own, so
// the check is true of the source as it is, on a clean clone too (about 4 s on an idle
// 2-core machine, 15 s under load).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { readBuildManifest, screenChunks } from '../apps/api/src/web-ui/screen-chunks';

/** Bytes, as Vite reports kB (1,000 bytes). */
const INITIAL_BUDGET_GZIP = 250_000;
const ROOT = path.resolve(__dirname, '..');

/** The files index.html makes the browser fetch before the app runs: entry script, preloaded chunks, stylesheets. */
function initialAssets(indexHtml: string): string[] {
  const tags = indexHtml.match(/<(script|link)\b[^>]*>/g) ?? [];
  return tags.flatMap((tag) => {
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    const loadsNow =
      tag.startsWith('<script') || /\brel="(modulepreload|stylesheet)"/.test(tag) ? url?.startsWith('/') : false;
    return loadsNow ? [url!] : [];
  });
}

describe('the web UI build', () => {
  let outDir: string;
  let initial: string[];

  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-bundle-'));
    execFileSync(
      path.join(ROOT, 'node_modules/.bin/vite'),
      ['build', '--config', 'apps/web/vite.config.mts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      // As a release is built, not in Jest's NODE_ENV=test.
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
    initial = initialAssets(readFileSync(path.join(outDir, 'index.html'), 'utf8'));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('ships brotli and gzip copies of every script and stylesheet the page loads first', () => {
    expect(initial.some((file) => file.endsWith('.js'))).toBe(true);
    expect(initial.some((file) => file.endsWith('.css'))).toBe(true);
    for (const file of initial) {
      const original = readFileSync(path.join(outDir, file));
      expect(Buffer.compare(brotliDecompressSync(readFileSync(path.join(outDir, `${file}.br`))), original)).toBe(0);
      expect(Buffer.compare(gunzipSync(readFileSync(path.join(outDir, `${file}.gz`))), original)).toBe(0);
    }
  });

  it('loads the screens behind the login on demand, not with the login page', () => {
    const built = readdirSync(path.join(outDir, 'assets'));
    // `shell`: the login gate, app shell and audit header, which the login page does not draw
    // (apps/web/chunk-groups.mts).
    for (const screen of ['GridPage', 'AuditsPage', 'ResponsePage', 'ProductionsPage', 'shell']) {
      const chunk = built.find((file) => file.startsWith(`${screen}-`) && file.endsWith('.js'));
      expect(chunk).toBeDefined();
      expect(initial).not.toContain(`/assets/${chunk}`);
    }
  });

  it('fetches the first screens of a logged-in visit in three scripts before they draw: the entry, the shell and the screen', () => {
    // On a phone every script is a round trip, and small ones in flight slow the entry script
    // the first paint waits for (apps/web/chunk-groups.mts): these two screens took 19 and 24.
    // What the page the API serves names: the entry's scripts, and each screen's chunks as preloads.
    const chunksAt = screenChunks(readBuildManifest(outDir)!);
    const name = (file: string) => path.basename(file).replace(/-[\w-]+\.js$/, '');
    const entry = initial.filter((file) => file.endsWith('.js')).map(name);
    for (const [screen, url] of [
      ['AuditsPage', '/audits'],
      ['GridPage', '/audits/00000000-0000-4000-8000-000000000000/grid'],
    ]) {
      const scripts = [...entry, ...chunksAt(url).scripts.map(name)].sort();
      expect({ screen, scripts }).toEqual({ screen, scripts: [screen, 'index', 'shell'].sort() });
    }
  });

  it(`keeps what the login page loads first under ${INITIAL_BUDGET_GZIP / 1000} kB gzip-compressed`, () => {
    const sizes = initial.map((file) => ({ file, gzip: statSync(path.join(outDir, `${file}.gz`)).size }));
    const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
    // Over budget, the diff shows the total against the budget, beside each file's size:
    // which file grew is the first question.
    expect({ total, sizes }).toEqual({ total: Math.min(total, INITIAL_BUDGET_GZIP), sizes });
  });
});
