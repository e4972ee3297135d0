// The people of an audit.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys } from './keys';

export function useMembers(auditId: string) {
  return useQuery({
    queryKey: keys.members(auditId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/members', { params: { path: { auditId }, query: { page: 1, pageSize: 500 } } }),
      ),
  });
}
