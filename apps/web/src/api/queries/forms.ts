// A request's form as the response page fills it, and the comparison of one request's answers
// across subjects.
import { useQueries, useQuery } from '@tanstack/react-query';
import type { FormField, FormValues } from '@app/domain/audit-forms';
import { api, isApiError, unwrap, type ResponseDetail, type Schemas } from '../client';

/** The form of a response's request, in the domain's types; null when the request has none. */
export function formOf(response: ResponseDetail): { fields: FormField[]; version: number } | null {
  return response.form ?? null;
}

/** The values a response holds (the API's loose JSON object, in the domain's shapes of each type). */
export function formValuesOf(response: ResponseDetail): FormValues {
  return (response.formValues as FormValues | null | undefined) ?? {};
}

export type FormComparisonDto = Schemas['FormComparisonDto'];

export const comparisonKeys = {
  comparison: (auditId: string, requestId: string) => ['audit', auditId, 'request', requestId, 'comparison'] as const,
  /** A request's form (null: none); the same key as the set-up screens' reads of it. */
  requestForm: (auditId: string, requestId: string) => ['audit', auditId, 'request-form', requestId] as const,
};

/**
 * The requests among these that have a form (the grid links their comparison). The request list
 * does not say, so each request's form is read (a 404 is "no form"), and shared in the cache
 * with the set-up screens' reads of the same forms.
 */
export function useRequestsWithForm(auditId: string, requestIds: string[]): ReadonlySet<string> {
  return useQueries({
    queries: requestIds.map((requestId) => ({
      queryKey: comparisonKeys.requestForm(auditId, requestId),
      queryFn: async () => {
        try {
          return await unwrap(
            api.GET('/api/audits/{auditId}/requests/{requestId}/form', {
              params: { path: { auditId, requestId } },
            }),
          );
        } catch (error) {
          if (isApiError(error, 404)) return null;
          throw error;
        }
      },
    })),
    combine: (results) => new Set(requestIds.filter((_, i) => results[i].data)),
  });
}

/** One request's answers, every subject in a row. */
export function useFormComparison(auditId: string, requestId: string) {
  return useQuery({
    queryKey: comparisonKeys.comparison(auditId, requestId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/requests/{requestId}/form/comparison', {
          params: { path: { auditId, requestId } },
        }),
      ),
  });
}

/** The comparison as a spreadsheet, one row per subject (the API's download). */
export const comparisonSpreadsheetUrl = (auditId: string, requestId: string) =>
  `/api/audits/${auditId}/requests/${requestId}/form/comparison.xlsx`;
