// Reads PDFs back the way a person's tools would: poppler's pdftotext and pdfinfo.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Agent, Res } from './factories';

const POPPLER_MISSING =
  'poppler-utils is not installed (pdftotext, pdfinfo, pdftoppm are needed to read reports back): apt-get install poppler-utils';

/** Throws a clear message when poppler is missing, rather than a confusing spawn error. */
export function requirePoppler(): void {
  for (const tool of ['pdftotext', 'pdfinfo', 'pdftoppm', 'pdffonts']) {
    if (spawnSync(tool, ['-v']).error) throw new Error(POPPLER_MISSING);
  }
}

function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'auditdesk-pdf-'));
  const file = path.join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfInfo {
  pages: number;
  title: string;
  author: string;
  fonts: string;
}

export function pdfInfo(pdf: Buffer): PdfInfo {
  return withFile(pdf, (file) => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const field = (name: string) => info.match(new RegExp(`^${name}:\\s*(.*)$`, 'm'))?.[1] ?? '';
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    return { pages: Number(field('Pages')), title: field('Title'), author: field('Author'), fonts };
  });
}

/**
 * The text of each page (pdftotext splits pages with form feeds). `noDiagonal` drops rotated
 * text such as the DRAFT watermark, which otherwise lands in the middle of sentences.
 */
export function pdfPages(pdf: Buffer, opts: { noDiagonal?: boolean } = {}): string[] {
  return withFile(pdf, (file) => {
    const text = execFileSync('pdftotext', [...(opts.noDiagonal ? ['-nodiag'] : []), '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    return text.split('\f').slice(0, -1);
  });
}

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
  const out = path.join(dir, name);
  withFile(pdf, (file) =>
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, out]),
  );
  return `${out}.png`;
}

/** The letters of rotated text on a page: all text minus the text pdftotext -nodiag keeps. */
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

const collectBinary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** GET with the body collected as a Buffer (supertest would otherwise drop a PDF's bytes). */
export const getPdf = (agent: Agent, url: string, query: Record<string, string> = {}): Promise<Res> =>
  agent
    .get(url)
    .query(query)
    .buffer(true)
    .parse(collectBinary as never);
