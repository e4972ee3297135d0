// Lays out and draws pages of a PDF with pdfjs-dist and @napi-rs/canvas on a worker thread:
// both are ES modules or native code the CommonJS builds (and Jest's runtime) cannot import,
// and laying out a page must never hold the API's event loop. In: workerData =
//   { task: 'pages', data }                          -> { pageCount, pages: [{ number, width, height }] }
//   { task: 'image', data, page, width }             -> { png: Uint8Array }
//   { task: 'burn', data, dpi, pages: [{ page, boxes }] }
//       -> [{ page, width, height, png, text: [{ str, matrix, width }] }]
// Sizes are in points as displayed (the page's rotation applied); boxes are fractions 0-1 of
// the displayed page, origin top left. A burnt page's `text` is what lies outside every box,
// placed for an unrotated page of the displayed size (PDF space: origin bottom left).
// Out: one message, { result } or { error } (a plain sentence).
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
// Fonts a PDF names without embedding (Helvetica...), character maps and image decoders come
// from the package itself: nothing is fetched.
const resources = {
  standardFontDataUrl: `${path.join(pdfjsDir, 'standard_fonts')}/`,
  cMapUrl: `${path.join(pdfjsDir, 'cmaps')}/`,
  cMapPacked: true,
  wasmUrl: `${path.join(pdfjsDir, 'wasm')}/`,
};

async function open(data) {
  try {
    return await getDocument({
      data: new Uint8Array(data),
      ...resources,
      useSystemFonts: false,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw new Error(`The file cannot be read as a PDF (${error?.message ?? error}).`);
  }
}

async function pageOf(pdf, number) {
  if (!Number.isInteger(number) || number < 1 || number > pdf.numPages)
    throw new Error(`The document has no page ${number}; it has ${pdf.numPages}.`);
  return pdf.getPage(number);
}

async function pages({ data }) {
  const pdf = await open(data);
  const result = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const { width, height } = (await pdf.getPage(number)).getViewport({ scale: 1 });
    result.push({ number, width: round(width), height: round(height) });
  }
  await pdf.destroy();
  return { pageCount: result.length, pages: result };
}

const round = (n) => Math.round(n * 100) / 100;

/** Draws a page on a white canvas of the viewport's size; `boxes` are filled solid black after. */
async function draw(page, viewport, boxes = []) {
  const canvas = createCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas, canvasContext: context, viewport }).promise;
  context.fillStyle = '#000000';
  for (const box of boxes) {
    // Whole pixels outwards, so antialiasing leaves no half-covered edge of what is under the box.
    const left = Math.floor(box.x * canvas.width);
    const top = Math.floor(box.y * canvas.height);
    const right = Math.ceil((box.x + box.width) * canvas.width);
    const bottom = Math.ceil((box.y + box.height) * canvas.height);
    context.fillRect(left, top, right - left, bottom - top);
  }
  return canvas;
}

async function image({ data, page: number, width }) {
  const pdf = await open(data);
  const page = await pageOf(pdf, number);
  const natural = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: width / natural.width });
  const canvas = await draw(page, viewport);
  const png = canvas.toBuffer('image/png');
  await pdf.destroy();
  return { png: new Uint8Array(png) };
}

/**
 * A text item's bounding box as fractions of the displayed page. The item's own box runs along
 * its baseline for its width and up by its height; a fifth of the height below the baseline
 * takes in descenders.
 */
function itemBounds(item, viewport) {
  const [a, b, c, d, e, f] = item.transform;
  const along = Math.hypot(a, b) || 1;
  const up = Math.hypot(c, d) || 1;
  const u = [a / along, b / along];
  const v = [c / up, d / up];
  const h = item.height || up;
  const corners = [];
  for (const s of [0, item.width])
    for (const t of [-0.2 * h, h]) corners.push([e + u[0] * s + v[0] * t, f + u[1] * s + v[1] * t]);
  const points = corners.map(([x, y]) => viewport.convertToViewportPoint(x, y));
  const xs = points.map((p) => p[0] / viewport.width);
  const ys = points.map((p) => p[1] / viewport.height);
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

const overlaps = (r, box) =>
  r.left < box.x + box.width && r.right > box.x && r.top < box.y + box.height && r.bottom > box.y;

async function burn({ data, dpi, pages: wanted }) {
  const pdf = await open(data);
  const result = [];
  for (const { page: number, boxes } of wanted) {
    const page = await pageOf(pdf, number);
    const displayed = page.getViewport({ scale: 1 });
    const canvas = await draw(page, page.getViewport({ scale: dpi / 72 }), boxes);
    const { items } = await page.getTextContent();
    const text = [];
    for (const item of items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      // Any part of an item under a box withholds the whole item: a text item is placed as
      // one run, with no position for each of its characters.
      if (boxes.some((box) => overlaps(itemBounds(item, displayed), box))) continue;
      // The item's matrix on the displayed page (y down), then flipped for PDF space (y up).
      const [a, b, c, d, e, f] = Util.transform(displayed.transform, item.transform);
      text.push({ str: item.str, matrix: [a, -b, c, -d, e, displayed.height - f], width: item.width });
    }
    result.push({
      page: number,
      width: displayed.width,
      height: displayed.height,
      png: new Uint8Array(canvas.toBuffer('image/png')),
      text,
    });
    page.cleanup();
  }
  await pdf.destroy();
  return result;
}

const tasks = { pages, image, burn };
try {
  const run = tasks[workerData.task];
  if (!run) throw new Error(`unknown task ${workerData.task}`);
  parentPort.postMessage({ result: await run(workerData) });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
