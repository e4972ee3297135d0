import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';
import { REPORT_FONT } from './report-document';

// Renders a document definition to PDF bytes with the fonts vendored in libs/report/fonts
// (Noto Sans: Latin with accents, Greek, Cyrillic), embedded and subset by pdfkit.

/**
 * libs/report/fonts: beside the sources (tsx, Jest), or found walking up from the compiled
 * file in dist/ to the checkout (the Docker image keeps the sources' libs/ folder).
 */
function findFontDir(): string {
  const has = (dir: string) => existsSync(path.join(dir, 'NotoSans-Regular.ttf'));
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'fonts'), path.join(dir, 'libs', 'report', 'fonts')])
      if (has(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  const fromCwd = path.resolve(process.cwd(), 'libs', 'report', 'fonts');
  if (has(fromCwd)) return fromCwd;
  throw new Error(
    `Report fonts (libs/report/fonts/NotoSans-*.ttf) not found above ${__dirname} or in ${process.cwd()}`,
  );
}

let fontDir: string | undefined;
function fonts(): TFontDictionary {
  fontDir ??= findFontDir();
  const file = (name: string) => path.join(fontDir!, `NotoSans-${name}.ttf`);
  return {
    [REPORT_FONT]: {
      normal: file('Regular'),
      bold: file('Bold'),
      italics: file('Italic'),
      bolditalics: file('BoldItalic'),
    },
  };
}

export interface RenderOptions {
  /** Called with 0..1 as pages are written (layout comes before and is not reported). */
  onProgress?: (fraction: number) => void;
}

export interface RenderedReport {
  /** The PDF as it is written; pipe it somewhere. */
  stream: Readable;
  pageCount: number;
}

/**
 * pdfmake is loaded on first use: requiring it takes a second or more on a busy machine, and
 * every API process (and e2e spec) would pay that at boot for a route few calls.
 */
async function loadPdfmake() {
  const [{ default: PdfPrinter }, { default: URLResolver }, { default: virtualfs }] = await Promise.all([
    import('pdfmake/js/Printer'),
    import('pdfmake/js/URLResolver'),
    import('pdfmake/js/virtual-fs'),
  ]);
  return { PdfPrinter, URLResolver, virtualfs };
}

export async function renderReport(
  definition: TDocumentDefinitions,
  opts: RenderOptions = {},
): Promise<RenderedReport> {
  const { PdfPrinter, URLResolver, virtualfs } = await loadPdfmake();
  const fontFiles = fonts();
  const allowed = new Set(Object.values(fontFiles).flatMap((f) => Object.values(f) as string[]));
  const urlResolver = new URLResolver(virtualfs);
  // Reports never fetch anything: only the font files may be read, and no URL.
  urlResolver.setUrlAccessPolicy(() => false);
  const printer = new PdfPrinter(fontFiles, virtualfs, urlResolver, (file) => allowed.has(path.resolve(file)));

  let pageCount = 0;
  const footer = definition.footer;
  const doc: TDocumentDefinitions = {
    ...definition,
    // pdfmake passes the final page count to every footer call; keep it for the caller.
    footer:
      typeof footer === 'function'
        ? (page, count, size) => {
            pageCount = count;
            return footer(page, count, size);
          }
        : footer,
  };
  const pdf = await printer.createPdfKitDocument(doc, { progressCallback: opts.onProgress });
  pdf.end();
  return { stream: pdf as unknown as Readable, pageCount };
}

export interface RenderedReportBytes {
  bytes: Buffer;
  sha256: string;
  pageCount: number;
}

export async function renderReportToBuffer(
  definition: TDocumentDefinitions,
  opts: RenderOptions = {},
): Promise<RenderedReportBytes> {
  const { stream, pageCount } = await renderReport(definition, opts);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  return { bytes, pageCount, sha256: createHash('sha256').update(bytes).digest('hex') };
}
