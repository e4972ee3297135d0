import { runOnThread, sourceFile } from '@app/storage';

/** The text of each PDF (pages separated by form feeds), read with pdfjs-dist on a worker thread. */
export function extractPdfTexts(pdfs: readonly Buffer[]): Promise<string[]> {
  if (pdfs.length === 0) return Promise.resolve([]);
  return runOnThread(sourceFile(__dirname, 'apps/worker/src/productions', 'pdf-text-worker.mjs'), {
    pdfs: pdfs.map((b) => new Uint8Array(b)),
  });
}
