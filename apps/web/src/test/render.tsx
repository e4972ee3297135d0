import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
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

/**
 * A page at a URL, as the router renders it (route parameters from `path`), with the
 * logged-in user when given; other paths render their path, so a test sees where it was sent.
 */
export function renderAt(ui: ReactElement, { path, url, me }: { path: string; url: string; me?: User }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const page = me ? <MeProvider value={me}>{ui}</MeProvider> : ui;
  return {
    client,
    ...render(
      <MantineProvider theme={theme} env="test">
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[url]}>
            <Routes>
              <Route path={path} element={page} />
              <Route path="*" element={<Elsewhere />} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>
      </MantineProvider>,
    ),
  };
}

function Elsewhere() {
  const { pathname } = useLocation();
  return <p data-testid="elsewhere">{pathname}</p>;
}
