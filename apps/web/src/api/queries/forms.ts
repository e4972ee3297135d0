// A request's form as the response page fills it, and the comparison of one request's answers
// across subjects.
import { useQuery } from '@tanstack/react-query';
import type { FormField, FormValues } from '@app/domain/audit-forms';
import { api, unwrap, type ResponseDetail, type Schemas } from '../client';

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
};

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
