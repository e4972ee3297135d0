// Reads PDFs back the way a person's tools would, with PDF.js (pdfjs-dist, from npm): no system
// package is needed. PDF.js is an ES module, which Jest's CommonJS runtime cannot load, so it
// runs in a child process (pdf-reader.mjs beside this file); each PDF is read once and cached.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { binary, sha256 } from './bytes';
import type { Agent, Res } from './factories';

const READER = path.join(__dirname, 'pdf-reader.mjs');

function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'auditdesk-pdf-'));
  const file = path.join(dir, 'document.pdf');
  writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfFont {
  name: string;
  /** A subset of the font is embedded (its name carries a six-letter tag). */
  subset: boolean;
  /** The font program is inside the PDF, not referenced by name. */
  embedded: boolean;
}

export interface PdfOutlineItem {
  title: string;
  items: PdfOutlineItem[];
}

export interface PdfInfo {
  pages: number;
  title: string;
  author: string;
  /** The catalog's /Lang, e.g. "en". */
  language: string | null;
  fonts: PdfFont[];
  /** Tagged PDF: MarkInfo /Marked true, and a structure tree under page 1's content. */
  tagged: { marked: boolean; structTree: boolean };
  /** PDF/A identification from the XMP metadata (pdfaid:part, pdfaid:conformance); null if none. */
  pdfA: { part: number; conformance: string } | null;
  /** The bookmarks (document outline), nested. */
  outline: PdfOutlineItem[];
  /** Numbers (from 1) of the pages wider than they are tall. */
  landscapePages: number[];
}

/** Every bookmark title, depth first. */
export const outlineTitles = (items: PdfOutlineItem[]): string[] =>
  items.flatMap((item) => [item.title, ...outlineTitles(item.items)]);

interface PdfReading {
  text: string[];
  straightText: string[];
  info: PdfInfo;
}

const readings = new Map<string, PdfReading>();

function read(pdf: Buffer): PdfReading {
  const key = sha256(pdf);
  let reading = readings.get(key);
  if (!reading) {
    reading = withFile(
      pdf,
      (file) =>
        JSON.parse(
          execFileSync(process.execPath, [READER, 'read', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }),
        ) as PdfReading,
    );
    readings.set(key, reading);
  }
  return reading;
}

export const pdfInfo = (pdf: Buffer): PdfInfo => read(pdf).info;

/**
 * The text of each page, a line per run of text on one baseline. `noDiagonal` drops rotated
 * text such as the DRAFT watermark, which otherwise lands in the middle of sentences.
 */
export const pdfPages = (pdf: Buffer, opts: { noDiagonal?: boolean } = {}): string[] =>
  opts.noDiagonal ? read(pdf).straightText : read(pdf).text;

/**
 * The body text with every header and footer line removed and all white space dropped, so
 * a long answer that wraps or breaks across pages can be found with `squash(answer)`.
 */
export function bodyText(pages: string[], legend: string): string {
  return squash(
    pages
      .flatMap((p) => p.split('\n'))
      .filter((line) => !line.includes(legend) && !/^Page \d+ of \d+ — /.test(line))
      .join('\n'),
  );
}

export const squash = (text: string): string => text.replace(/\s+/g, '');

/** Renders page 1 to test/artifacts/<name>.png for people to look at (the folder is gitignored). */
export function pageOnePng(pdf: Buffer, name: string): string {
  const dir = path.resolve(__dirname, '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${name}.png`);
  withFile(pdf, (file) => execFileSync(process.execPath, [READER, 'png', file, out, '1.1']));
  return out;
}

/** The letters of rotated text on a page: all text minus its straight text. */
export function diagonalLetters(all: string, straight: string): string {
  const counts = new Map<string, number>();
  for (const ch of squash(straight)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const extra: string[] = [];
  for (const ch of squash(all)) {
    const n = counts.get(ch) ?? 0;
    if (n > 0) counts.set(ch, n - 1);
    else extra.push(ch);
  }
  return extra.sort().join('');
}

/** GET with the body collected as a Buffer (supertest would otherwise drop a PDF's bytes). */
export const getPdf = (agent: Agent, url: string, query: Record<string, string> = {}): Promise<Res> =>
  agent.get(url).query(query).buffer(true).parse(binary);

/** A letter-size PDF with one line of text on each page: evidence to upload in specs. */
export async function pdfWithPages(pages: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of pages) pdf.addPage([612, 792]).drawText(text, { x: 72, y: 700, size: 14, font });
  return Buffer.from(await pdf.save());
}
