/** The spreadsheet formats an export is offered in (the `.:format` of its route). */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
