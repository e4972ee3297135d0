export * from './report-data';
export * from './report-format';
export * from './load-report-data';
export * from './report-view';
export * from './generate-report';
export * from './spreadsheet';
export * from './table-document';
export * from './form-view';
