// The audit's structure: its subjects (rows of the grid) and requests (columns).
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys } from './keys';

export function useSubjects(auditId: string) {
  return useQuery({
    queryKey: keys.subjects(auditId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/subjects', { params: { path: { auditId }, query: { page: 1, pageSize: 500 } } }),
      ),
  });
}

export function useRequests(auditId: string) {
  return useQuery({
    queryKey: keys.requests(auditId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/requests', { params: { path: { auditId }, query: { page: 1, pageSize: 500 } } }),
      ),
  });
}
