// Form definitions: the organisation's form templates, and the form of one request (add from a
// template or blank, revise, remove). Answering a form is the response's business (responses.ts).
import type { FormField } from '@app/domain/audit-forms';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, unwrap } from '../client';
import { keys } from './keys';

// Typed by hand from the HTTP contract until the API's routes are in schema.d.ts.
export interface FormTemplate {
  id: string;
  name: string;
  description: string | null;
  fields: FormField[];
  version: number;
  updatedAt: string;
  /** How many requests' forms came from it. */
  usedBy: number;
}
export interface FormTemplateInput {
  name: string;
  description?: string | null;
  fields: FormField[];
  version?: number;
}
export interface RequestForm {
  requestId: string;
  templateId: string | null;
  templateName: string | null;
  fields: FormField[];
  version: number;
  /** How many responses hold values of this form. */
  answeredCount: number;
}
export type RequestFormInput = { version?: number } & ({ templateId: string } | { fields: FormField[] });

type Init = { params?: { path?: Record<string, string>; query?: Record<string, unknown> }; body?: unknown };
type Call = (path: string, init?: Init) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const untyped = api as unknown as Record<'GET' | 'POST' | 'PUT' | 'DELETE', Call>;

export const formKeys = {
  templates: ['form-templates'] as const,
  requestForm: (auditId: string, requestId: string) => ['audit', auditId, 'request-form', requestId] as const,
  requestForms: (auditId: string) => ['audit', auditId, 'request-form'] as const,
};

export const fetchFormTemplates = async () => (await unwrap(untyped.GET('/api/form-templates'))) as FormTemplate[];

export const fetchFormTemplate = async (templateId: string) =>
  (await unwrap(untyped.GET('/api/form-templates/{templateId}', { params: { path: { templateId } } }))) as FormTemplate;

export function useFormTemplates() {
  return useQuery({ queryKey: formKeys.templates, queryFn: fetchFormTemplates });
}

/** Creates a template (no id) or saves a revision of one (with the version it is based on). */
export function useSaveFormTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: FormTemplateInput }) =>
      (await unwrap(
        id
          ? untyped.PUT('/api/form-templates/{templateId}', { params: { path: { templateId: id } }, body })
          : untyped.POST('/api/form-templates', { body }),
      )) as FormTemplate,
    onSuccess: () => client.invalidateQueries({ queryKey: formKeys.templates }),
  });
}

export function useDeleteFormTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (templateId: string) => {
      await unwrap(untyped.DELETE('/api/form-templates/{templateId}', { params: { path: { templateId } } }));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: formKeys.templates }),
  });
}

/** The request's form, or null when it has none (the API's 404). */
export async function fetchRequestForm(auditId: string, requestId: string): Promise<RequestForm | null> {
  try {
    return (await unwrap(
      untyped.GET('/api/audits/{auditId}/requests/{requestId}/form', { params: { path: { auditId, requestId } } }),
    )) as RequestForm;
  } catch (error) {
    if (isApiError(error, 404)) return null;
    throw error;
  }
}

const requestFormQuery = (auditId: string, requestId: string) => ({
  queryKey: formKeys.requestForm(auditId, requestId),
  queryFn: () => fetchRequestForm(auditId, requestId),
});

/** Read afresh each time the editor opens: it is about to be revised, and its answers counted. */
export function useRequestForm(auditId: string, requestId: string) {
  return useQuery({ ...requestFormQuery(auditId, requestId), refetchOnMount: 'always' });
}

/** The forms of many requests (the set-up list says which have one), by request id. */
export function useRequestForms(auditId: string, requestIds: string[]) {
  return useQueries({
    queries: requestIds.map((requestId) => requestFormQuery(auditId, requestId)),
    combine: (results) => new Map(requestIds.map((id, i) => [id, results[i]] as const)),
  });
}

/** What a change of a request's form makes stale: the form, the responses that show it, templates' use. */
function useAfterFormChange(auditId: string, requestId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [
        formKeys.requestForm(auditId, requestId),
        formKeys.templates,
        ['audit', auditId, 'response'],
        keys.activity(auditId),
      ].map((queryKey) => client.invalidateQueries({ queryKey })),
    );
}

export function useSaveRequestForm(auditId: string, requestId: string) {
  const done = useAfterFormChange(auditId, requestId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: RequestFormInput) =>
      (await unwrap(
        untyped.PUT('/api/audits/{auditId}/requests/{requestId}/form', {
          params: { path: { auditId, requestId } },
          body,
        }),
      )) as RequestForm,
    onSuccess: (form) => {
      client.setQueryData(formKeys.requestForm(auditId, requestId), form);
      return done();
    },
  });
}

export function useDeleteRequestForm(auditId: string, requestId: string) {
  const done = useAfterFormChange(auditId, requestId);
  return useMutation({
    mutationFn: async (version: number) => {
      await unwrap(
        untyped.DELETE('/api/audits/{auditId}/requests/{requestId}/form', {
          params: { path: { auditId, requestId }, query: { version } },
        }),
      );
    },
    onSuccess: done,
  });
}
