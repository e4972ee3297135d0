import { runOnThread, sourceFile } from '@app/storage';

// Pages of a PDF laid out and drawn by pdfjs-dist on @napi-rs/canvas, each call on a worker
// thread of its own (pdf-pages-worker.mjs): the API's page images and the worker's burnt-in
// redactions draw pages the same way.

export interface PdfPageSize {
  number: number;
  /** Points, as displayed (the page's rotation applied). */
  width: number;
  height: number;
}

export interface PdfPages {
  pageCount: number;
  pages: PdfPageSize[];
}

/** A box in fractions 0-1 of the displayed page, origin top left. */
export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A text item kept on a burnt page: its text, its matrix at font size 1 in PDF space, its width in points. */
export interface KeptText {
  str: string;
  matrix: [number, number, number, number, number, number];
  width: number;
}

export interface BurntPage {
  page: number;
  width: number;
  height: number;
  /** The page drawn at the requested resolution with every box filled black. */
  png: Uint8Array;
  /** The text items that touch no box. */
  text: KeptText[];
}

/** A PDF pdfjs could not read, or a page it does not have: the message is a plain sentence. */
export class PdfPagesError extends Error {}

// Each call starts a thread with its own copy of pdfjs and a canvas: a few at a time, so a
// screen asking for every page image at once does not take every core and all memory.
const MAX_THREADS = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function run<T>(task: Record<string, unknown>): Promise<T> {
  if (running >= MAX_THREADS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    const file = sourceFile(__dirname, 'libs/documents/src', 'pdf-pages-worker.mjs');
    const reply = await runOnThread<{ result?: T; error?: string }>(file, task);
    if (reply.error !== undefined) throw new PdfPagesError(reply.error);
    return reply.result as T;
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** The page count and each page's displayed size. */
export function pdfPages(data: Uint8Array): Promise<PdfPages> {
  return run({ task: 'pages', data });
}

/** One page (1-based) as a PNG `width` pixels wide. */
export async function pdfPageImage(data: Uint8Array, page: number, width: number): Promise<Buffer> {
  const { png } = await run<{ png: Uint8Array }>({ task: 'image', data, page, width });
  return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
}

/** The given pages drawn at `dpi` with their boxes filled black, and the text outside the boxes. */
export function burnPdfPages(
  data: Uint8Array,
  pages: readonly { page: number; boxes: readonly PageBox[] }[],
  dpi: number,
): Promise<BurntPage[]> {
  return run({ task: 'burn', data, pages, dpi });
}
