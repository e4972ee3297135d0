// pdfmake 0.3's Node entry is a process-wide singleton whose progress callback is global.
// The report renders through its Printer class instead, so each render gets its own fonts,
// access policies and progress callback. These are the parts of those modules we use.
declare module 'pdfmake/js/Printer' {
  import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';
  export default class PdfPrinter {
    constructor(
      fonts: TFontDictionary,
      virtualfs: unknown,
      urlResolver: unknown,
      localAccessPolicy: (path: string) => boolean,
    );
    createPdfKitDocument(
      doc: TDocumentDefinitions,
      options?: { progressCallback?: (progress: number) => void; tableLayouts?: unknown },
    ): Promise<NodeJS.ReadableStream & { end(): void }>;
  }
}
declare module 'pdfmake/js/URLResolver' {
  export default class URLResolver {
    constructor(virtualfs: unknown);
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
  }
}
declare module 'pdfmake/js/virtual-fs' {
  const virtualfs: unknown;
  export default virtualfs;
}
