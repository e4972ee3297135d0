import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import type { Audit, User } from '../api/client';
import { theme } from '../App';
import { AuditProvider, MeProvider } from '../components/layout';

export const renderWithTheme = (ui: ReactElement) => render(<MantineProvider theme={theme}>{ui}</MantineProvider>);

/**
 * A component of an audit's pages as the app renders it: the logged-in user, the audit, a
 * query client that does not retry, a router; Mantine without transitions or portals.
 */
export const renderInAudit = (ui: ReactElement, { me, audit }: { me: User; audit: Audit }) =>
  render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter>
          <MeProvider value={me}>
            <AuditProvider value={audit}>{ui}</AuditProvider>
          </MeProvider>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
