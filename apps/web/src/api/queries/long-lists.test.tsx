import { QueryClient, QueryClientProvider, type UseQueryResult } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, paged } from '../../test/fake-api';
import { useMembers, useUsers } from './members';
import { useComments, useOverdue } from './responses';
import { useProvisions } from './structure';
import { useRequestTemplates } from './templates';

vi.mock('../client', async (original) => ({
  ...(await original<typeof import('../client')>()),
  api: (await import('../../test/fake-api')).fakeApi.api,
}));

// The API answers at most 500 items a page. A list a screen shows whole (a long comment
// thread, the overdue cells of a big audit, a firm's users) must not stop at the first page.
const ITEMS = 1_234;
const items = Array.from({ length: ITEMS }, (_, i) => ({ id: `item-${i + 1}` }));

const lists: [string, string, () => UseQueryResult<{ items: unknown[]; total: number }>][] = [
  [
    'the comments of a response',
    'GET /api/audits/{auditId}/responses/{responseId}/comments',
    () => useComments('a1', 'r1'),
  ],
  ['the overdue cells', 'GET /api/audits/{auditId}/responses', () => useOverdue('a1')],
  ['the provisions', 'GET /api/audits/{auditId}/provisions', () => useProvisions('a1')],
  ['the members', 'GET /api/audits/{auditId}/members', () => useMembers('a1')],
  ['the users', 'GET /api/users', () => useUsers()],
  ['the request templates', 'GET /api/request-templates', () => useRequestTemplates()],
] as never;

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('lists read whole', () => {
  afterEach(() => fakeApi.reset());

  it.each(lists)('%s: every item over all pages', async (_, route, useList) => {
    fakeApi.on(route, paged(items));
    const { result } = renderHook(useList, { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.items).toHaveLength(ITEMS);
    expect(result.current.data?.items.at(-1)).toEqual({ id: `item-${ITEMS}` });
    expect(fakeApi.calls.filter((c) => `${c.method} ${c.path}` === route)).toHaveLength(3);
  });
});
