// Form definitions: the organisation's form templates, and the form of one request (add from a
// template or blank, revise, remove). Answering a form is the response's business (responses.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, type Schemas, unwrap } from '../client';
import { keys } from './keys';

export type FormTemplate = Schemas['FormTemplateDto'];
/** A new template, or a revision of one (with the version it is based on). */
export type FormTemplateWrite =
  { id?: undefined; body: Schemas['CreateFormTemplateDto'] } | { id: string; body: Schemas['UpdateFormTemplateDto'] };
export type RequestForm = Schemas['RequestFormDto'];
export type RequestFormInput = Schemas['SaveRequestFormDto'];

export const formKeys = {
  templates: ['form-templates'] as const,
  requestForm: (auditId: string, requestId: string) => ['audit', auditId, 'request-form', requestId] as const,
};

export const fetchFormTemplates = () => unwrap(api.GET('/api/form-templates'));

export const fetchFormTemplate = (templateId: string) =>
  unwrap(api.GET('/api/form-templates/{templateId}', { params: { path: { templateId } } }));

export function useFormTemplates() {
  return useQuery({ queryKey: formKeys.templates, queryFn: fetchFormTemplates });
}

/** Creates a template (no id) or saves a revision of one (with the version it is based on). */
export function useSaveFormTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (write: FormTemplateWrite): Promise<FormTemplate> =>
      write.id === undefined
        ? unwrap(api.POST('/api/form-templates', { body: write.body }))
        : unwrap(
            api.PUT('/api/form-templates/{templateId}', {
              params: { path: { templateId: write.id } },
              body: write.body,
            }),
          ),
    onSuccess: () => client.invalidateQueries({ queryKey: formKeys.templates }),
  });
}

export function useDeleteFormTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (templateId: string) => {
      await unwrap(api.DELETE('/api/form-templates/{templateId}', { params: { path: { templateId } } }));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: formKeys.templates }),
  });
}

/** The request's form, or null when it has none (the API's 404). */
export async function fetchRequestForm(auditId: string, requestId: string): Promise<RequestForm | null> {
  try {
    return await unwrap(
      api.GET('/api/audits/{auditId}/requests/{requestId}/form', { params: { path: { auditId, requestId } } }),
    );
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

/**
 * What a change of a request's form makes stale: the form, the request list (its summary of the
 * form), the responses that show it, templates' use.
 */
function useAfterFormChange(auditId: string, requestId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [
        formKeys.requestForm(auditId, requestId),
        keys.requests(auditId),
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
    mutationFn: (body: RequestFormInput) =>
      unwrap(
        api.PUT('/api/audits/{auditId}/requests/{requestId}/form', { params: { path: { auditId, requestId } }, body }),
      ),
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
        api.DELETE('/api/audits/{auditId}/requests/{requestId}/form', {
          params: { path: { auditId, requestId }, query: { version } },
        }),
      );
    },
    onSuccess: done,
  });
}
