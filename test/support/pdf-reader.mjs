// Reads a PDF back with pdfjs-dist (Mozilla's PDF.js, from npm) and prints JSON on stdout.
// It runs as its own Node process because pdfjs-dist is an ES module, which Jest's CommonJS
// runtime cannot import; test/support/pdf.ts calls it synchronously.
//   node pdf-reader.mjs read <file.pdf>                   -> { text: string[], straightText: string[], info }
//     text: each page's text; straightText: the same without rotated text (a watermark);
//     info: { pages, title, author, language, fonts: [{ name, subset, embedded }],
//             tagged: { marked, structTree } (MarkInfo /Marked and page 1's structure tree),
//             pdfA: { part, conformance } or null (from the XMP metadata), outline: titles, nested,
//             landscapePages: numbers of the pages wider than tall }
//   node pdf-reader.mjs png <file.pdf> <out.png> [scale]  -> { file } (page 1, for people to look at)
import { readFileSync, writeFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [command, file, ...rest] = process.argv.slice(2);

async function open(path) {
  const data = new Uint8Array(readFileSync(path));
  return getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

/**
 * A page's text in drawing order, one line per run of items on the same baseline. Drawing
 * order keeps a table cell's wrapped lines together (reading by position would interleave
 * the columns). Rotated items (a watermark) are dropped with --no-diagonal.
 */
async function pageText(page, noDiagonal) {
  const { items } = await page.getTextContent();
  let text = '';
  let lastY;
  for (const item of items) {
    if (!('str' in item)) continue;
    const [, b, c, , , y] = item.transform;
    if (noDiagonal && (Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6)) continue;
    if (lastY !== undefined && Math.abs(y - lastY) > 1 && !text.endsWith('\n')) text += '\n';
    text += item.str;
    if (item.hasEOL) text += '\n';
    lastY = y;
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}

async function read(path) {
  const pdf = await open(path);
  const text = [];
  const straightText = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    text.push(await pageText(page, false));
    straightText.push(await pageText(page, true));
  }
  return { text, straightText, info: await info(pdf) };
}

/** Page count, document info, and every font used with whether its program is embedded. */
async function info(pdf) {
  const { info: meta, metadata } = await pdf.getMetadata();
  const fonts = new Map();
  const landscapePages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    if (width > height) landscapePages.push(n);
    const ops = await page.getOperatorList();
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== OPS.setFont) continue;
      const id = ops.argsArray[i][0];
      if (fonts.has(id)) continue;
      const font = page.commonObjs.get(id);
      // A subset's name carries a six-letter tag: ABCDEF+NotoSans-Regular.
      const [, tag, base] = /^(?:([A-Z]{6})\+)?(.*)$/.exec(font.name ?? '');
      fonts.set(id, { name: base, subset: Boolean(tag), embedded: !font.missingFile });
    }
  }
  const markInfo = await pdf.getMarkInfo();
  const structTree = await (await pdf.getPage(1)).getStructTree();
  const part = metadata?.get('pdfaid:part');
  const outlineTitles = (items) => (items ?? []).map((o) => ({ title: o.title, items: outlineTitles(o.items) }));
  return {
    pages: pdf.numPages,
    title: meta?.Title ?? '',
    author: meta?.Author ?? '',
    language: meta?.Language ?? null,
    fonts: [...new Map([...fonts.values()].map((f) => [f.name, f])).values()],
    tagged: { marked: markInfo?.Marked === true, structTree: Boolean(structTree?.children?.length) },
    pdfA: part ? { part: Number(part), conformance: metadata.get('pdfaid:conformance') ?? '' } : null,
    outline: outlineTitles(await pdf.getOutline()),
    landscapePages,
  };
}

async function png(path, out, scale) {
  const { createCanvas } = await import('@napi-rs/canvas');
  const pdf = await open(path);
  const page = await pdf.getPage(1);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
  writeFileSync(out, canvas.toBuffer('image/png'));
  return { file: out };
}

const result =
  command === 'read' ? await read(file) : command === 'png' ? await png(file, rest[0], Number(rest[1] ?? 1)) : null;
if (!result) {
  console.error(`usage: pdf-reader.mjs read|png <file.pdf> ...`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(result));
