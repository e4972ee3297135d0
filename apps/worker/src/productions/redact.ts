import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  endText,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
} from 'pdf-lib';
import { burnPdfPages, findDocumentAssets, type KeptText, type PageBox } from '@app/documents';

// Burns redactions into a PDF. A page with a box is drawn as an image with the box filled black
// (on a worker thread, by pdfjs-dist on @napi-rs/canvas), so nothing under it survives in any
// layer; its text layer is rebuilt from the text that touches no box, drawn invisibly (render
// mode 3) where it was, so search and copy still work for the rest of the page. Pages with no
// box are copied as they are. The result is a new document: the original's removed pages,
// annotations on them, metadata and unreferenced objects are not carried over.

/** About 200 dpi: small print stays legible in the image. */
const DPI = 200;

export interface RedactionBox extends PageBox {
  /** 1-based. */
  page: number;
}

let noto: Buffer | undefined;
/** A Unicode font for the invisible text (pdf-lib's standard fonts encode WinAnsi only). */
const textFont = (): Buffer => (noto ??= readFileSync(path.join(findDocumentAssets().fontDir, 'NotoSans-Regular.ttf')));

export async function redactPdf(bytes: Buffer, boxes: readonly RedactionBox[]): Promise<Buffer> {
  const source = await PDFDocument.load(bytes, { updateMetadata: false });
  const byPage = new Map<number, PageBox[]>();
  for (const { page, ...box } of boxes) byPage.set(page, [...(byPage.get(page) ?? []), box]);
  const burnt = new Map(
    (
      await burnPdfPages(
        new Uint8Array(bytes),
        [...byPage].map(([page, pageBoxes]) => ({ page, boxes: pageBoxes })),
        DPI,
      )
    ).map((p) => [p.page, p]),
  );

  const out = await PDFDocument.create({ updateMetadata: false });
  out.registerFontkit(fontkit);
  const font = await out.embedFont(textFont(), { subset: true });
  const count = source.getPageCount();
  const kept = await out.copyPages(
    source,
    Array.from({ length: count }, (_, i) => i).filter((i) => !burnt.has(i + 1)),
  );
  for (let i = 0, next = 0; i < count; i++) {
    const page = burnt.get(i + 1);
    if (!page) {
      out.addPage(kept[next++]);
      continue;
    }
    const image = await out.embedPng(page.png);
    const target = out.addPage([page.width, page.height]);
    target.drawImage(image, { x: 0, y: 0, width: page.width, height: page.height });
    drawInvisibleText(target, font, page.text);
  }
  return Buffer.from(await out.save({ useObjectStreams: false }));
}

/** Each kept text item at its place, stretched to its original width, in render mode 3. */
function drawInvisibleText(page: PDFPage, font: PDFFont, items: readonly KeptText[]): void {
  if (items.length === 0) return;
  const fontName = page.node.newFontDictionary(font.name, font.ref);
  const operators = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const item of items) {
    const [a, b, c, d, e, f] = item.matrix;
    const size = Math.hypot(a, b) || 1;
    const natural = font.widthOfTextAtSize(item.str, size);
    const squeeze = natural > 0 && item.width > 0 ? (100 * item.width) / natural : 100;
    operators.push(
      setFontAndSize(fontName, 1),
      setCharacterSqueeze(squeeze),
      setTextMatrix(a, b, c, d, e, f),
      showText(font.encodeText(item.str)),
    );
  }
  operators.push(endText(), popGraphicsState());
  page.pushOperators(...operators);
}
