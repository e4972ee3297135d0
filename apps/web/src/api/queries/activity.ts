// The audit's history.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type ActivityAction, type ActivityEntityType, unwrap } from '../client';
import { keys } from './keys';

export interface ActivityFilters {
  entityType?: ActivityEntityType;
  action?: ActivityAction;
  actorId?: string;
  page: number;
}

export function useActivity(auditId: string, filters: ActivityFilters) {
  return useQuery({
    queryKey: keys.activity(auditId, filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/activity', {
          params: {
            path: { auditId },
            query: {
              page: filters.page,
              pageSize: 50,
              ...(filters.entityType && { entityType: filters.entityType }),
              ...(filters.action && { action: filters.action }),
              ...(filters.actorId && { actorId: filters.actorId }),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
