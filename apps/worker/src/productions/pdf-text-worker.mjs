// Extracts the text of PDFs with pdfjs-dist on a worker thread. pdfjs-dist is an ES module,
// which the worker's CommonJS build (and Jest's runtime) cannot import; a worker thread loads
// it natively. In: workerData = { pdfs: Uint8Array[] }. Out: one message, string[] (a
// document's text, pages separated by form feeds).
import { parentPort, workerData } from 'node:worker_threads';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function textOf(data) {
  const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const { items } = await page.getTextContent();
    let text = '';
    for (const item of items) {
      if (!('str' in item)) continue;
      text += item.str;
      if (item.hasEOL) text += '\n';
    }
    pages.push(text.trimEnd());
  }
  await pdf.destroy();
  return pages.join('\n\f\n');
}

const texts = [];
for (const data of workerData.pdfs) texts.push(await textOf(new Uint8Array(data)));
parentPort.postMessage(texts);
