import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, FakeProblem } from '../test/fake-api';
import { renderAt } from '../test/render';
import { ReleasePage } from './ReleasePage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const open = () => renderAt(<ReleasePage />, { path: '/release/:token', url: '/release/tok_rel' });
beforeEach(() => fakeApi.reset());

async function axeViolations(): Promise<string[]> {
  // jsdom lays nothing out, so contrast is checked in the browser tests instead.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

const page = () =>
  fakeApi.on('GET /api/releases/{token}', () => ({
    volumeName: 'MSFT-TWTR-VOL001',
    producingParty: 'Microsoft Corporation',
    expiresAt: '2026-12-10T22:00:00.000Z',
  }));

describe('The page a release link opens', () => {
  it('shows the volume, takes the code, then offers the download', async () => {
    const user = userEvent.setup({ delay: null });
    page();
    fakeApi.on('POST /api/releases/{token}/code', () => ({
      grantedUntil: '2026-12-03T09:30:00.000Z',
      downloadUrl: '/api/releases/tok_rel/volume',
    }));
    open();
    expect(await screen.findByRole('heading', { name: 'Production volume MSFT-TWTR-VOL001' })).toBeInTheDocument();
    expect(
      screen.getByText(/^Produced by Microsoft Corporation\. This link works until Dec 1[01], 2026, /),
    ).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
    await user.type(screen.getByLabelText(/^Code from the second email/), '1234 5678');
    await user.click(screen.getByRole('button', { name: 'Check the code' }));
    const download = await screen.findByRole('link', { name: 'Download the volume (ZIP)' });
    expect(download).toHaveAttribute('href', '/api/releases/tok_rel/volume');
    await waitFor(() =>
      expect(fakeApi.writes()).toMatchObject([
        { path: '/api/releases/{token}/code', params: { path: { token: 'tok_rel' } }, body: { code: '1234 5678' } },
      ]),
    );
    expect(await axeViolations()).toEqual([]);
  });

  it('says a wrong code is wrong, with the tries left, next to the field', async () => {
    const user = userEvent.setup({ delay: null });
    page();
    fakeApi.on('POST /api/releases/{token}/code', () => {
      throw new FakeProblem(422, {
        code: 'RULE_VIOLATION',
        detail: 'That code is not right. 4 more wrong codes lock the link.',
        errors: [{ field: 'code', message: 'code is not the one we emailed' }],
        attemptsLeft: 4,
      });
    });
    open();
    await user.type(await screen.findByLabelText(/^Code from the second email/), '00000000');
    await user.click(screen.getByRole('button', { name: 'Check the code' }));
    expect(await screen.findByText('That code is not right. 4 more wrong codes lock the link.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Code from the second email/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('link', { name: /Download/ })).not.toBeInTheDocument();
  });

  it('says plainly that a locked link is locked, and a revoked one no longer works', async () => {
    const user = userEvent.setup({ delay: null });
    page();
    fakeApi.on('POST /api/releases/{token}/code', () => {
      throw new FakeProblem(403, {
        code: 'FORBIDDEN',
        detail: 'This download link is locked after 5 wrong codes. Ask the producing party for a new one.',
      });
    });
    open();
    await user.type(await screen.findByLabelText(/^Code from the second email/), '00000000');
    await user.click(screen.getByRole('button', { name: 'Check the code' }));
    expect(await screen.findByRole('heading', { name: 'This download link is locked' })).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Code from the second email/)).not.toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  });

  it('says a revoked link no longer works', async () => {
    fakeApi.on('GET /api/releases/{token}', () => {
      throw new FakeProblem(410, {
        code: 'GONE',
        detail: 'This download link was withdrawn by the producing party. Ask them for a new one.',
      });
    });
    open();
    expect(await screen.findByRole('heading', { name: 'This download link no longer works' })).toBeInTheDocument();
    expect(
      screen.getByText('This download link was withdrawn by the producing party. Ask them for a new one.'),
    ).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  });
});
