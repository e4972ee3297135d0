export * from './document-engine';
export * from './render-pool';
