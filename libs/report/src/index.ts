export * from './report-data';
export * from './report-format';
export * from './load-report-data';
export * from './report-document';
export * from './render-report';
export * from './generate-report';
export * from './spreadsheet';
