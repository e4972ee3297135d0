import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

// pdfjs-dist and archiver are ES modules: the worker's CommonJS build loads them with Node's
// require(esm), but Jest's runtime (which runs the worker in the e2e specs) cannot. Both run in
// .mjs files on worker threads, which Node loads natively in either case.

/** An .mjs beside this file (sources), or in the checkout's sources when running from dist/. */
function workerFile(name: string): string {
  const candidates = [path.join(__dirname, name)];
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir))
    candidates.push(path.join(dir, 'apps', 'worker', 'src', 'productions', name));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`${name} not found from ${__dirname}`);
  return found;
}

function runOnThread<T>(name: string, workerData: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(name), { workerData });
    let answered = false;
    worker.once('message', (reply: T) => {
      answered = true;
      resolve(reply);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`${name} stopped (exit code ${code})`));
    });
  });
}

/** The text of each PDF (pages separated by form feeds), read with pdfjs-dist. */
export function extractPdfTexts(pdfs: readonly Buffer[]): Promise<string[]> {
  if (pdfs.length === 0) return Promise.resolve([]);
  return runOnThread('pdf-text-worker.mjs', { pdfs: pdfs.map((b) => new Uint8Array(b)) });
}

/** Writes a ZIP of the entries (in the order given, each dated `date`) to `file`, with archiver. */
export async function writeZip(file: string, date: Date, entries: readonly { path: string; bytes: Buffer }[]) {
  await runOnThread('zip-worker.mjs', {
    file,
    date: date.toISOString(),
    entries: entries.map((e) => ({ path: e.path, bytes: new Uint8Array(e.bytes) })),
  });
}
