import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, page } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
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
  fakeApi.on('GET /api/form-templates', () => []);
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

describe('Audits: the list holds its place while it loads (no layout shift)', () => {
  it('draws placeholder cards of a card’s height, and the templates card only once the list is there', async () => {
    let arrive: (value: unknown) => void = () => undefined;
    fakeApi.on('GET /api/audits', () => new Promise((resolve) => (arrive = resolve)));
    open();
    const loading = await screen.findByRole('list', { name: 'Loading audits…' });
    expect(loading).toHaveAttribute('aria-busy', 'true');
    const placeholders = within(loading).getAllByRole('listitem');
    expect(placeholders.length).toBeGreaterThan(0);
    // Nothing sits below the list yet, so nothing is pushed down when it arrives.
    expect(screen.queryByRole('region', { name: /templates/i })).toBeNull();

    arrive(
      page([{ ...auditFixture({ status: 'OPEN' }), progress: { total: 4, done: 1, overdue: 0, percentComplete: 25 } }]),
    );
    const list = await screen.findByRole('list', { name: 'Your audits' });
    const [card] = within(list).getAllByRole('listitem');
    // A card is at least as tall as its placeholder was.
    expect(getComputedStyle(card).minHeight).toBe(getComputedStyle(placeholders[0]).minHeight);
    expect(getComputedStyle(card).minHeight).not.toBe('');
    // The status in words, as everywhere else.
    expect(within(card).getByText('Open')).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Request templates' })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Form templates' })).toBeInTheDocument();
  });
});
