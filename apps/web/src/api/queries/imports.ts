// Importing a request list (a pasted letter, or a CSV/XLSX file) or a subject list (a file).
// A preview (dryRun) writes nothing and refreshes nothing; a real import refreshes what a
// structure change does (the lists, the grid, progress and history).
import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { useAfterStructureChange } from './structure';

export type RequestImportResult = Schemas['RequestImportResultDto'];
export type SubjectImportResult = Schemas['SubjectImportResultDto'];
export type ImportOutcome = Schemas['RequestImportRowDto']['outcome'];
export type RequestImportSource = { text: string } | { file: File };

/** openapi-typescript types a binary part as a string; the body carries the File itself. */
const filePart = (file: File) => ({ file: file as unknown as string });

/** The multipart form the import routes take: one part named "file". */
const fileForm = (body: unknown) => {
  const { file } = body as { file: File };
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

export function useImportRequests(auditId: string) {
  const done = useAfterStructureChange(auditId);
  return useMutation({
    mutationFn: ({ source, dryRun }: { source: RequestImportSource; dryRun: boolean }) => {
      const params = { path: { auditId }, query: { dryRun } };
      return 'text' in source
        ? unwrap(api.POST('/api/audits/{auditId}/requests/import', { params, body: { text: source.text } }))
        : unwrap(
            api.POST('/api/audits/{auditId}/requests/import', {
              params,
              body: filePart(source.file),
              bodySerializer: fileForm,
            }),
          );
    },
    onSuccess: (result) => (result.dryRun ? undefined : done()),
  });
}

export function useImportSubjects(auditId: string) {
  const done = useAfterStructureChange(auditId);
  return useMutation({
    mutationFn: ({ source, dryRun }: { source: { file: File }; dryRun: boolean }) =>
      unwrap(
        api.POST('/api/audits/{auditId}/subjects/import', {
          params: { path: { auditId }, query: { dryRun } },
          body: filePart(source.file),
          bodySerializer: fileForm,
        }),
      ),
    onSuccess: (result) => (result.dryRun ? undefined : done()),
  });
}

/** Where the empty template of an import is downloaded from (a plain link: the browser saves it). */
export const importTemplateUrl = (auditId: string, kind: 'requests' | 'subjects', format: 'csv' | 'xlsx') =>
  `/api/audits/${encodeURIComponent(auditId)}/${kind}/import-template?format=${format}`;
