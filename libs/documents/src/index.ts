export * from './document-engine';
export * from './render-pool';
export * from './pdf-pages';
