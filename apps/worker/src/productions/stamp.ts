import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

// Stamps and image pages with pdf-lib. The original page content stays as it is (its text
// layer included): the stamps are drawn on top, in a standard font, at the foot of the page.

const FONT_SIZE = 9;
const MARGIN = 18;
const LETTER: [number, number] = [612, 792];

export interface PageStamp {
  /** Bottom right: the page's Bates number. */
  bates: string;
  /** Bottom left: the confidentiality designation. */
  designation: string;
}

/** How many pages a PDF has (throws with a plain reason when pdf-lib cannot read it). */
export async function pdfPageCount(bytes: Buffer): Promise<number> {
  return (await loadPdf(bytes)).getPageCount();
}

async function loadPdf(bytes: Buffer): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false }).catch((error: unknown) => {
    throw new Error(`not a readable PDF (${error instanceof Error ? error.message : String(error)})`);
  });
}

/** The PDF with every page stamped; `stampFor(i)` gives page i's stamp. */
export async function stampPdf(bytes: Buffer, stampFor: (pageIndex: number) => PageStamp): Promise<Buffer> {
  const pdf = await loadPdf(bytes);
  await drawStamps(pdf, stampFor);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** A PNG or JPEG as one letter-size page, the image fitted inside the margins, stamped. */
export async function imagePdf(bytes: Buffer, mediaType: string, stamp: PageStamp): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const image = mediaType === 'image/png' ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes);
  const [width, height] = LETTER;
  const box = { width: width - 2 * 36, height: height - 2 * 36 - 2 * MARGIN };
  const scale = Math.min(1, box.width / image.width, box.height / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  const page = pdf.addPage(LETTER);
  page.drawImage(image, { x: (width - w) / 2, y: (height - h) / 2 + MARGIN / 2, width: w, height: h });
  await drawStamps(pdf, () => stamp);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

async function drawStamps(pdf: PDFDocument, stampFor: (pageIndex: number) => PageStamp): Promise<void> {
  const font = await pdf.embedFont(StandardFonts.HelveticaBold);
  pdf.getPages().forEach((page, i) => {
    const { bates, designation } = stampFor(i);
    const { x, y, width } = page.getCropBox();
    const batesWidth = font.widthOfTextAtSize(bates, FONT_SIZE);
    const color = rgb(0, 0, 0);
    page.drawText(bates, { x: x + width - MARGIN - batesWidth, y: y + MARGIN, size: FONT_SIZE, font, color });
    if (designation) page.drawText(designation, { x: x + MARGIN, y: y + MARGIN, size: FONT_SIZE, font, color });
  });
}
