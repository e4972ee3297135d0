// A request's form as the response page fills it, and the comparison of one request's answers
// across subjects.
import { useQueries, useQuery } from '@tanstack/react-query';
import type { FormField, FormValues } from '@app/domain/audit-forms';
import { api, isApiError, unwrap, type ResponseDetail } from '../client';

/** The form of a response's request (null: the request has none) and the values given. */
export interface ResponseFormPart {
  form?: { fields: FormField[]; version: number } | null;
  formValues?: Record<string, unknown> | null;
}

/**
 * The form of a response, read in the domain's types (the API's DTOs spell the same JSON with
 * looser types: a field's type as any string, a value as any object).
 */
export function formOf(response: ResponseDetail): { fields: FormField[]; version: number } | null {
  return ((response as ResponseDetail & ResponseFormPart).form as { fields: FormField[]; version: number }) ?? null;
}

export function formValuesOf(response: ResponseDetail): FormValues {
  return ((response as ResponseDetail & ResponseFormPart).formValues as FormValues | null) ?? {};
}

export interface FormComparisonRowDto {
  responseId: string;
  subject: { id: string; name: string };
  status: ResponseDetail['status'];
  values: Record<string, unknown> | null;
  missing: string[];
}

export interface FormComparisonDto {
  request: { id: string; ordinal: number; title: string };
  fields: FormField[];
  rows: FormComparisonRowDto[];
  differing: string[];
}

// TODO(forms-api merge): the generated client knows these routes once the API is on main.
const untyped = api as unknown as {
  GET: (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
};

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
            untyped.GET('/api/audits/{auditId}/requests/{requestId}/form', {
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
    queryFn: async () =>
      (await unwrap(
        untyped.GET('/api/audits/{auditId}/requests/{requestId}/form/comparison', {
          params: { path: { auditId, requestId } },
        }),
      )) as FormComparisonDto,
  });
}

/** The comparison as a spreadsheet, one row per subject (the API's download). */
export const comparisonSpreadsheetUrl = (auditId: string, requestId: string) =>
  `/api/audits/${auditId}/requests/${requestId}/form/comparison.xlsx`;
