import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, page } from '../test/fake-api';
import { ada } from '../test/fixtures';
import { renderAt } from '../test/render';
import { AuditsPage } from './AuditsPage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits', () => page([]));
  fakeApi.on('GET /api/request-templates', () => page([]));
});

const open = (me = ada) => renderAt(<AuditsPage />, { path: '/', url: '/', me });

describe('Audits: New audit is offered only to those who may open one', () => {
  it('a member an admin allowed sees New audit', async () => {
    open({ ...ada, canOpenAudits: true });
    expect(await screen.findByText(/Open one with “New audit”/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New audit' })).toBeInTheDocument();
  });

  it('an org admin sees it without the permission', async () => {
    open({ ...ada, orgRole: 'ADMIN', canOpenAudits: false });
    await screen.findByText('No audits yet');
    expect(screen.getByRole('button', { name: 'New audit' })).toBeInTheDocument();
  });

  it('a member without it does not, and is told to ask an admin', async () => {
    open({ ...ada, canOpenAudits: false });
    expect(await screen.findByText(/To open audits yourself, ask an admin/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New audit' })).toBeNull();
  });
});
