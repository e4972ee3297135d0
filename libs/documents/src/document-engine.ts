import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fontkit from '@pdf-lib/fontkit';
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
// and bold are loaded (the templates use no other weight), and only in a thread that has had a
// document needing them (see getEngine); Typst embeds only the glyphs used.

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
 * Every font file in the font folder, then (unless `cjk` is false) the CJK fonts, as bytes (the
 * compiler reads no font path itself). The templates list the families in that order, so Latin
 * text keeps Noto Sans.
 */
export function vendoredFonts(fontDir: string, { cjk = true }: { cjk?: boolean } = {}): Buffer[] {
  return [...ownFontFiles(fontDir), ...(cjk ? CJK_FONT_FILES.map((file) => require.resolve(file)) : [])].map((file) =>
    readFileSync(file),
  );
}

const ownFontFiles = (fontDir: string) =>
  readdirSync(fontDir)
    .filter((name) => /\.(ttf|otf)$/i.test(name))
    .sort()
    .map((name) => path.join(fontDir, name));

type Typst = typeof import('@myriaddreamin/typst-ts-node-compiler');

interface Engine {
  compiler: NodeCompiler;
  templateDir: string;
  /** Whether the compiler has the CJK fonts. */
  cjk: boolean;
  /** The characters every font of the font folder has. */
  ownCharacters: Set<number>;
}

let engine: Engine | undefined;

/**
 * One compiler per thread, made on first use and kept: its caches make the next render of the
 * same template several times faster. It starts without the CJK fonts, which hold a rendering
 * thread at 177 MB instead of 112 (measured with nothing rendered yet); the first document with
 * a character the font folder's fonts lack makes a compiler with them, kept from then on.
 */
function getEngine(cjk: boolean): Engine {
  if (engine && (engine.cjk || !cjk)) return engine;
  // Loaded on first use: the native module is large, and most processes never render.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler') as Typst;
  const { fontDir, templateDir } = findDocumentAssets();
  const compiler = NodeCompiler.create({
    workspace: templateDir,
    fontArgs: [{ fontBlobs: vendoredFonts(fontDir, { cjk }) }],
  });
  engine = { compiler, templateDir, cjk, ownCharacters: engine?.ownCharacters ?? ownCharacters(fontDir) };
  return engine;
}

/** The code points that every font in the font folder maps (Noto Sans: 2,841 in each style). */
function ownCharacters(fontDir: string): Set<number> {
  const sets = ownFontFiles(fontDir).map((file) => new Set(fontkit.create(readFileSync(file)).characterSet));
  return new Set([...sets[0]].filter((cp) => sets.every((set) => set.has(cp))));
}

/** Whether some character of the text is missing from the font folder's fonts. */
function needsOtherFonts(text: string, own: Set<number>): boolean {
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp >= 0x80 && !own.has(cp)) return true;
  }
  return false;
}

/**
 * From this many pages on, a document is large: its cached layouts are dropped once laid out
 * and its layout freed as soon as it is rendered (see `layOut` and `releaseLayouts`).
 */
export const RELEASE_AFTER_PAGES = 100;

/** Renders in the calling thread; blocks it for the whole layout (tens of ms to seconds). */
export function renderDocumentSync(template: string, data: unknown, opts: DocumentOptions = {}): RenderedDocument {
  if (!TEMPLATE_NAME.test(template)) throw new TemplateNotFoundError(template);
  const json = JSON.stringify(data);
  const latin = getEngine(false);
  const { compiler, templateDir } = !latin.cjk && needsOtherFonts(json, latin.ownCharacters) ? getEngine(true) : latin;
  const mainFilePath = path.join(templateDir, `${template}.typ`);
  if (!existsSync(mainFilePath)) throw new TemplateNotFoundError(template);
  const { bytes, pageCount } = layOut(compiler, template, mainFilePath, json, opts);
  // The laid-out document is unreachable from here on.
  if (pageCount >= RELEASE_AFTER_PAGES) releaseLayouts();
  return { bytes, pageCount, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Typst memoizes layouts across renders (process-wide), which makes the next render of a
 * similar document several times faster. Results not used in the last 10 renders are
 * dropped. A large document's cache is dropped at once, before its PDF is written: it costs
 * about 1 MB a page (1.5 GB for the stress audit), so keeping it would hold that much for the
 * next 10 renders (the stress audit as 10 reports of 130 pages in a row took a process to
 * 1.6 GB; 0.5 GB with this), and the PDF writer, which needs 0.4 MB a page more, can reuse
 * the memory. The price: rendering the same large document again is a full render.
 */
function layOut(
  compiler: NodeCompiler,
  template: string,
  mainFilePath: string,
  json: string,
  opts: DocumentOptions,
): { bytes: Buffer; pageCount: number } {
  const compiled = compiler.compile({ mainFilePath, inputs: { data: json } });
  const document = compiled.result;
  if (!document) {
    compiler.evictCache(10);
    const error = compiled.takeError();
    const diagnostics = error ? compiler.fetchDiagnostics(error) : [];
    throw new Error(`Typst could not lay out "${template}": ${describe(diagnostics)}`);
  }
  const large = document.numOfPages >= RELEASE_AFTER_PAGES;
  if (large) compiler.evictCache(0);
  try {
    return { bytes: compiler.pdf(document, opts.pdfA ? { pdfStandard: 'a-2b' } : {}), pageCount: document.numOfPages };
  } finally {
    compiler.evictCache(large ? 0 : 10);
  }
}

let collect: (() => void) | undefined;

/**
 * A laid-out document lives in native memory behind a small JS object, and is freed only when
 * V8 collects that object and then runs its finalizer (on a later turn of the event loop). V8
 * does not know the native size, so nothing prompts a collection: measured on the stress
 * audit, every 100 pages rendered kept about 50 MB until some unrelated collection, and a
 * process rendering 10 documents of 100 pages one after another grew from 290 to 820 MB (flat
 * at 370 MB when collected after each, and the event loop let turn once so that the
 * finalizers run). A full collection costs milliseconds: it is asked for after large ones.
 */
function releaseLayouts(): void {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      // Node has no other way to ask for a collection than V8's own `gc`, exposed by this flag.
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
}

/** Renders in this thread behind a promise (see DocumentRenderPool for off-thread rendering). */
export async function renderDocument(
  template: string,
  data: unknown,
  opts: DocumentOptions = {},
): Promise<RenderedDocument> {
  await Promise.resolve();
  const document = renderDocumentSync(template, data, opts);
  // The collected layout's finalizer runs on the next turn of the event loop: let it run
  // before the caller goes on (to render the next document, say).
  if (document.pageCount >= RELEASE_AFTER_PAGES) await new Promise((resolve) => setImmediate(resolve));
  return document;
}

function describe(diagnostics: unknown[]): string {
  return (
    diagnostics
      .map((d) => (d && typeof d === 'object' && 'message' in d ? String(d.message) : ''))
      .filter(Boolean)
      .join('; ') || 'unknown error'
  );
}
