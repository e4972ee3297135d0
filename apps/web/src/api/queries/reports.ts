// Reports: queued PDFs and their progress.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { featureKeys } from './keys';

export function useReports(auditId: string) {
  return useQuery({
    queryKey: featureKeys.reports(auditId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/reports', { params: { path: { auditId }, query: { page: 1, pageSize: 50 } } }),
      ),
  });
}

export function useQueueReport(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ReportOptionsDto']) =>
      unwrap(api.POST('/api/audits/{auditId}/reports', { params: { path: { auditId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: featureKeys.reports(auditId) }),
  });
}

/** One report, polled every second while it renders. */
export function useReport(auditId: string, reportId: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: featureKeys.report(auditId, reportId ?? ''),
    enabled: reportId !== null,
    queryFn: async () => {
      const report = await unwrap(
        api.GET('/api/audits/{auditId}/reports/{reportId}', { params: { path: { auditId, reportId: reportId! } } }),
      );
      if (report.status === 'DONE' || report.status === 'FAILED')
        void client.invalidateQueries({ queryKey: featureKeys.reports(auditId), exact: true });
      return report;
    },
    refetchInterval: (query) =>
      query.state.data && ['DONE', 'FAILED'].includes(query.state.data.status) ? false : 1000,
  });
}
