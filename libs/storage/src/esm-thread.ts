import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

// archiver and pdfjs-dist are ES modules: the apps' CommonJS builds load them with Node's
// require(esm), but Jest's runtime (which runs the API and the worker in the e2e specs) cannot.
// They run in .mjs files on worker threads, which Node loads natively in either case.

/**
 * An .mjs file beside `fromDir` (sources), or in the checkout's `sourceDir` when running from
 * dist/ (the build copies no .mjs).
 */
export function sourceFile(fromDir: string, sourceDir: string, name: string): string {
  const candidates = [path.join(fromDir, name)];
  for (let dir = fromDir; path.dirname(dir) !== dir; dir = path.dirname(dir))
    candidates.push(path.join(dir, sourceDir, name));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`${name} not found from ${fromDir}`);
  return found;
}

/** Runs an .mjs on a worker thread and resolves with the one message it posts. */
export function runOnThread<T>(file: string, workerData: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData });
    let answered = false;
    worker.once('message', (reply: T) => {
      answered = true;
      resolve(reply);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`${path.basename(file)} stopped (exit code ${code})`));
    });
  });
}
