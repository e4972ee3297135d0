// A Word document's page headers as text: what Word repeats at the top of every page (a draft
// says DRAFT there, as the PDF's watermark does), which mammoth's body text leaves out.
import { readZip } from './zip';

export async function docxHeaderText(docx: Buffer): Promise<string> {
  const parts = [...(await readZip(docx)).entries()].filter(([name]) => /^word\/header\d*\.xml$/.test(name));
  return parts
    .map(([, xml]) => [...xml.toString('utf8').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}
