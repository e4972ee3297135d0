import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { createMemoryRouter, Link, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithTheme } from '../test/render';
import { UnsavedChangesGuard, useUnsavedParts } from './UnsavedChangesGuard';

/** A page whose parts report what the test says, as the formal response page's cards do. */
function Page({ changed }: { changed: { key: string; label: string }[] }) {
  const [parts, report] = useUnsavedParts();
  useEffect(() => changed.forEach(({ key, label }) => report(key, label, true)), [changed, report]);
  return (
    <>
      <Link to="/elsewhere">Audits</Link>
      <UnsavedChangesGuard parts={parts} />
    </>
  );
}

function renderPage(changed: { key: string; label: string }[]) {
  const router = createMemoryRouter(
    [
      { path: '/response', element: <Page changed={changed} /> },
      { path: '/elsewhere', element: <p>Elsewhere</p> },
    ],
    { initialEntries: ['/response'] },
  );
  renderWithTheme(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

describe('UnsavedChangesGuard', () => {
  it('asks before the page is left with parts not saved, naming them: staying stays, leaving leaves', async () => {
    const user = userEvent.setup();
    const router = renderPage([
      { key: 'r2', label: 'Request No. 2' },
      { key: 'r5', label: 'Request No. 5' },
      { key: 'letter', label: "the letter's details" },
    ]);
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);

    await user.click(screen.getByRole('link', { name: 'Audits' }));
    let dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    expect(dialog).toHaveTextContent(
      "Request No. 2, Request No. 5 and the letter's details have changes that are not saved.",
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.pathname).toBe('/response');

    await user.click(screen.getByRole('link', { name: 'Audits' }));
    dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave without saving' }));
    expect(await screen.findByText('Elsewhere')).toBeInTheDocument();
  });

  it('lets the page go without a word when everything is saved', async () => {
    const user = userEvent.setup();
    renderPage([]);
    await user.click(screen.getByRole('link', { name: 'Audits' }));
    expect(await screen.findByText('Elsewhere')).toBeInTheDocument();
  });
});
