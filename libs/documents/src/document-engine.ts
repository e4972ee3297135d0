import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

// The one document engine: a Typst template from libs/documents/templates plus typed data in,
// PDF bytes out. Typst runs in-process (@myriaddreamin/typst-ts-node-compiler, native code).
//
// User text never becomes Typst source: the data goes in as one JSON string through
// `sys.inputs.data`, and the template reads it with `json(bytes(sys.inputs.data))`, so a
// `#`, `]` or `#read(...)` in an answer is printed as written, never evaluated.
//
// What the compiler may read: the template folder (its file-system root, so `/` in a template
// is that folder and nothing above it can be named) and the vendored fonts, which are handed
// over as bytes. The binding (0.7.0) also indexes the machine's fonts and has no switch for
// that, so the templates name their fonts with `fallback: false`: a system font is never
// picked, and a glyph missing from the vendored fonts fails a PDF/A render loudly instead.
//
// CJK coverage comes from npm packages of Google's Noto fonts (SIL OFL 1.1, licence in each
// package): Noto Sans SC covers Chinese and Japanese kana, Noto Sans KR Hangul. Only regular
// and bold are loaded (the templates use no other weight); Typst embeds only the glyphs used.

export interface DocumentOptions {
  /** PDF/A-2b (archival): fonts embedded, XMP identification. Tagged either way. */
  pdfA?: boolean;
}

export interface RenderedDocument {
  bytes: Buffer;
  pageCount: number;
  sha256: string;
}

/** Template names are file names in the template folder, nothing else (no paths). */
const TEMPLATE_NAME = /^[a-z][a-z0-9-]*$/;

export class TemplateNotFoundError extends Error {
  constructor(readonly template: string) {
    super(`No document template named "${template}" in libs/documents/templates`);
  }
}

/**
 * libs/documents (fonts/ and templates/): beside the sources (tsx, Jest), or found walking up
 * from the compiled file in dist/ to the checkout (the Docker image keeps the sources' libs/).
 */
export function findDocumentAssets(): { fontDir: string; templateDir: string } {
  const has = (dir: string) => existsSync(path.join(dir, 'fonts')) && existsSync(path.join(dir, 'templates'));
  const candidates: string[] = [];
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'libs', 'documents'));
    if (path.basename(dir) === 'src') candidates.push(path.dirname(dir));
    if (path.dirname(dir) === dir) break;
  }
  candidates.push(path.resolve(process.cwd(), 'libs', 'documents'));
  const found = candidates.find(has);
  if (!found)
    throw new Error(`libs/documents (fonts/, templates/) not found above ${__dirname} or in ${process.cwd()}`);
  return { fontDir: path.join(found, 'fonts'), templateDir: path.join(found, 'templates') };
}

/** The CJK fonts' files, as their packages name them (see the note at the top). */
const CJK_FONT_FILES = [
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
  '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf',
];

/**
 * Every font file in the font folder, then the CJK fonts, as bytes (the compiler reads no font
 * path itself). The templates list the families in that order, so Latin text keeps Noto Sans.
 */
export function vendoredFonts(fontDir: string): Buffer[] {
  const own = readdirSync(fontDir)
    .filter((name) => /\.(ttf|otf)$/i.test(name))
    .sort()
    .map((name) => path.join(fontDir, name));
  return [...own, ...CJK_FONT_FILES.map((file) => require.resolve(file))].map((file) => readFileSync(file));
}

type Typst = typeof import('@myriaddreamin/typst-ts-node-compiler');

interface Engine {
  compiler: NodeCompiler;
  templateDir: string;
}

let engine: Engine | undefined;

/**
 * One compiler per thread, made on first use (about 0.3 s: it loads the fonts) and kept: its
 * caches make the next render of the same template several times faster.
 */
function getEngine(): Engine {
  if (engine) return engine;
  // Loaded on first use: the native module is large, and most processes never render.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler') as Typst;
  const { fontDir, templateDir } = findDocumentAssets();
  const compiler = NodeCompiler.create({ workspace: templateDir, fontArgs: [{ fontBlobs: vendoredFonts(fontDir) }] });
  engine = { compiler, templateDir };
  return engine;
}

/** Renders in the calling thread; blocks it for the whole layout (tens of ms to seconds). */
export function renderDocumentSync(template: string, data: unknown, opts: DocumentOptions = {}): RenderedDocument {
  if (!TEMPLATE_NAME.test(template)) throw new TemplateNotFoundError(template);
  const { compiler, templateDir } = getEngine();
  const mainFilePath = path.join(templateDir, `${template}.typ`);
  if (!existsSync(mainFilePath)) throw new TemplateNotFoundError(template);
  const compiled = compiler.compile({ mainFilePath, inputs: { data: JSON.stringify(data) } });
  const document = compiled.result;
  if (!document) {
    const error = compiled.takeError();
    const diagnostics = error ? compiler.fetchDiagnostics(error) : [];
    throw new Error(`Typst could not lay out "${template}": ${describe(diagnostics)}`);
  }
  try {
    const bytes = compiler.pdf(document, opts.pdfA ? { pdfStandard: 'a-2b' } : {});
    return { bytes, pageCount: document.numOfPages, sha256: createHash('sha256').update(bytes).digest('hex') };
  } finally {
    // Drop cached layouts not used in the last few renders, so a long-lived process stays bounded.
    compiler.evictCache(10);
  }
}

/** Renders in this thread behind a promise (see DocumentRenderPool for off-thread rendering). */
export async function renderDocument(
  template: string,
  data: unknown,
  opts: DocumentOptions = {},
): Promise<RenderedDocument> {
  await Promise.resolve();
  return renderDocumentSync(template, data, opts);
}

function describe(diagnostics: unknown[]): string {
  return (
    diagnostics
      .map((d) => (d && typeof d === 'object' && 'message' in d ? String(d.message) : ''))
      .filter(Boolean)
      .join('; ') || 'unknown error'
  );
}
